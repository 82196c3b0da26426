using Microsoft.Extensions.AI;

namespace AgentFramework.Agents.Extractive;

/// <summary>
/// A deterministic, model-free embedding: stop-word-free terms hashed (FNV-1a) into <see cref="Dimensions"/> buckets,
/// weighted 1 + ln(tf), L2-normalised. Non-negative, so cosine similarities are too. The default generator when none is
/// registered; retrieval's hashing generator can replace it through DI.
/// </summary>
public sealed class HashingSentenceEmbedder(int dimensions = 1024) : IEmbeddingGenerator<string, Embedding<float>>
{
    public int Dimensions { get; } = dimensions;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(new Embedding<float>(Embed(value)) { ModelId = $"hashing-{Dimensions}" });
        }
        return Task.FromResult(result);
    }

    public float[] Embed(string text)
    {
        var counts = new Dictionary<int, int>();
        foreach (var term in TextTerms.Of(text))
        {
            int bucket = (int)(Fnv1a(term) % (uint)Dimensions);
            counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
        }
        var vector = new float[Dimensions];
        foreach (var (bucket, tf) in counts) vector[bucket] = 1f + MathF.Log(tf);
        float norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares<float>(vector));
        if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }

    private static uint Fnv1a(string s)
    {
        uint hash = 2166136261;
        foreach (char c in s) { hash ^= c; hash *= 16777619; }
        return hash;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}

using Microsoft.Extensions.AI;

namespace AgentFramework.Retrieval.Embeddings;

/// <summary>The name and width of an embedding model, as recorded in a store so that later runs embed alike.</summary>
public sealed record EmbeddingModelInfo(string Name, int Dimensions)
{
    /// <summary>From the generator's metadata; when it does not state a width, one probe text is embedded to learn it.</summary>
    public static async Task<EmbeddingModelInfo> OfAsync(IEmbeddingGenerator<string, Embedding<float>> generator, CancellationToken cancellationToken = default)
    {
        if (generator is HashingEmbeddingGenerator hashing) return new(hashing.ModelName, hashing.Dimensions);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var name = metadata?.DefaultModelId ?? metadata?.ProviderName ?? generator.GetType().Name;
        var dimensions = metadata?.DefaultModelDimensions;
        if (dimensions is null or <= 0)
        {
            var probe = await generator.GenerateAsync(["dimension probe"], cancellationToken: cancellationToken).ConfigureAwait(false);
            dimensions = probe[0].Vector.Length;
        }
        return new(name, dimensions.Value);
    }
}

/// <summary>Embeds chunk texts in batches (one generator call per batch) and checks the width of what comes back.</summary>
internal static class BatchEmbedding
{
    public const int DefaultBatchSize = 64;

    public static async Task<float[][]> EmbedAsync(
        IEmbeddingGenerator<string, Embedding<float>> generator, IReadOnlyList<string> texts, int dimensions,
        int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        var result = new float[texts.Count][];
        for (int offset = 0; offset < texts.Count; offset += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = texts.Skip(offset).Take(batchSize).ToList();
            var embeddings = await generator.GenerateAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (embeddings.Count != batch.Count)
                throw new InvalidOperationException($"embedding generator returned {embeddings.Count} vectors for {batch.Count} texts");
            for (int i = 0; i < batch.Count; i++)
            {
                var vector = embeddings[i].Vector;
                if (vector.Length != dimensions)
                    throw new InvalidOperationException($"embedding generator returned {vector.Length} dimensions, the store holds {dimensions}");
                result[offset + i] = vector.ToArray();
            }
        }
        return result;
    }
}

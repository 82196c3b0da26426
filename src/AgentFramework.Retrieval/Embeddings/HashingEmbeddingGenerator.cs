using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace AgentFramework.Retrieval.Embeddings;

/// <summary>
/// A deterministic embedding that needs no model: signed feature hashing of lower-cased word unigrams and bigrams,
/// sublinear term frequency (1 + ln tf), L2-normalised. It captures word overlap only (no synonyms), so vector and
/// hybrid search work out of the box; it is named for what it is wherever it is reported.
/// </summary>
public sealed class HashingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int DefaultDimensions = 384;
    private const string NamePrefix = "hashing-";
    private const string NameSuffix = " (feature hashing, not a neural model)";

    private readonly EmbeddingGeneratorMetadata _metadata;

    public HashingEmbeddingGenerator(int dimensions = DefaultDimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 8);
        Dimensions = dimensions;
        ModelName = NamePrefix + dimensions + NameSuffix;
        _metadata = new EmbeddingGeneratorMetadata("agentfw-hashing", null, ModelName, dimensions);
    }

    public int Dimensions { get; }

    /// <summary>e.g. "hashing-384 (feature hashing, not a neural model)".</summary>
    public string ModelName { get; }

    /// <summary>Recreates the generator a store was built with from its recorded model name; null for other models.</summary>
    public static HashingEmbeddingGenerator? FromModelName(string modelName)
    {
        if (!modelName.StartsWith(NamePrefix, StringComparison.Ordinal) || !modelName.EndsWith(NameSuffix, StringComparison.Ordinal))
            return null;
        var digits = modelName[NamePrefix.Length..^NameSuffix.Length];
        return int.TryParse(digits, out var d) && d >= 8 ? new HashingEmbeddingGenerator(d) : null;
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(new Embedding<float>(Embed(value)) { ModelId = ModelName, CreatedAt = null });
        }
        return Task.FromResult(result);
    }

    /// <summary>The embedding of one text (synchronous; the async API only wraps this).</summary>
    /// <remarks>
    /// Features are hashed straight from the text (no string per word or bigram): a bigram's FNV-1a continues from
    /// its first word's state over ' ' and the second word, which is FNV-1a of "first second". Counts are kept per
    /// feature hash in first-seen order, so the vector sums in the same order and is bit-identical to hashing each
    /// feature string (two features would merge only on a 64-bit hash collision, which would already share a bucket
    /// and sign).
    /// </remarks>
    public float[] Embed(string text)
    {
        var counts = new Dictionary<ulong, int>();
        Span<char> lowered = stackalloc char[64];
        Span<byte> utf8 = stackalloc byte[64 * 3];
        ulong previousState = 0;
        bool havePrevious = false, previousStop = false;
        int i = 0;
        while (WordTokenizer.NextWord(text, ref i, out int start))
        {
            var word = text.AsSpan(start, i - start);
            if (word.Length > lowered.Length)
            {
                lowered = new char[word.Length];
                utf8 = new byte[Encoding.UTF8.GetMaxByteCount(word.Length)];
            }
            scoped ReadOnlySpan<byte> bytes;
            bool stop;
            if (Ascii.IsValid(word))
            {
                // ASCII (most words): lower-casing maps A-Z only, and each char is its own UTF-8 byte.
                Ascii.ToLower(word, utf8, out int length);
                bytes = utf8[..length];
                stop = false;
                if (length <= StopWords.LongestLength)
                {
                    Ascii.ToLower(word, lowered, out _);
                    stop = StopWords.Contains(lowered[..length]);
                }
            }
            else
            {
                var lower = lowered[..word.ToLowerInvariant(lowered)];
                bytes = utf8[..Encoding.UTF8.GetBytes(lower, utf8)];
                stop = StopWords.Contains(lower);
            }
            ulong state = FnvContinue(FnvOffset, bytes);
            if (!stop) CollectionsMarshal.GetValueRefOrAddDefault(counts, Avalanche(state), out _)++;
            // Bigrams keep word order ("new york" vs "york new"); pairs of stop words carry no topic.
            if (havePrevious && !(stop && previousStop))
                CollectionsMarshal.GetValueRefOrAddDefault(counts, Avalanche(FnvContinue(FnvStep(previousState, (byte)' '), bytes)), out _)++;
            (previousState, previousStop, havePrevious) = (state, stop, true);
        }

        var vector = new float[Dimensions];
        foreach (var (hash, tf) in counts)
        {
            int bucket = (int)(hash % (ulong)Dimensions);
            float sign = (hash >> 63) == 0 ? 1f : -1f;
            vector[bucket] += sign * (1f + MathF.Log(tf));
        }
        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }

    private const ulong FnvOffset = 14695981039346656037UL, FnvPrime = 1099511628211UL;

    private static ulong FnvStep(ulong state, byte b) => (state ^ b) * FnvPrime;

    private static ulong FnvContinue(ulong state, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes) state = (state ^ b) * FnvPrime;
        return state;
    }

    // FNV's low bits mix poorly for short keys; a final avalanche (from SplitMix64) spreads them over the buckets.
    private static ulong Avalanche(ulong hash)
    {
        hash ^= hash >> 30; hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27; hash *= 0x94d049bb133111ebUL;
        hash ^= hash >> 31;
        return hash;
    }

    /// <summary>FNV-1a (64-bit) over UTF-8, then the avalanche: stable across processes and platforms, unlike string.GetHashCode.</summary>
    internal static ulong Fnv1a64(string value)
    {
        Span<byte> buffer = value.Length <= 128 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(value.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        int n = Encoding.UTF8.GetBytes(value, buffer);
        return Avalanche(FnvContinue(FnvOffset, buffer[..n]));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() { }
}

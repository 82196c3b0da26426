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
    public float[] Embed(string text)
    {
        var counts = new HashedFeatureCounts();
        CountFeatures(text, counts);
        var vector = new float[Dimensions];
        AddWeights(counts, vector, written: null);
        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }

    /// <summary>
    /// The embeddings of <paramref name="texts"/> as their non-zero entries (for products over many sentences, such as
    /// TextRank's): the same features and weights as <see cref="Embed"/>, but the length is summed by plain code in
    /// double precision instead of by TensorPrimitives, whose 512-bit vector paths ReadyToRun leaves to the JIT
    /// (start-up, issue 15); an entry can therefore differ from <see cref="Embed"/>'s in its last bit. Not for stores:
    /// their vectors come from <see cref="Embed"/>.
    /// </summary>
    public SparseEmbedding[] EmbedSparse(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var counts = new HashedFeatureCounts();
        var vector = new float[Dimensions];
        var written = new ulong[(Dimensions + 63) / 64]; // a bit per bucket written
        var result = new SparseEmbedding[texts.Count];
        for (int t = 0; t < result.Length; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            counts.Clear();
            CountFeatures(texts[t], counts);
            AddWeights(counts, vector, written);
            // The buckets written, ascending, with a non-zero sum (+1 and -1 can cancel).
            int nonZero = 0;
            double squares = 0;
            for (int w = 0; w < written.Length; w++)
                for (ulong bits = written[w]; bits != 0; bits &= bits - 1)
                {
                    float x = vector[w * 64 + System.Numerics.BitOperations.TrailingZeroCount(bits)];
                    if (x != 0) { nonZero++; squares += (double)x * x; }
                }
            float norm = (float)Math.Sqrt(squares);
            var indices = new int[nonZero];
            var values = new float[nonZero];
            int e = 0;
            for (int w = 0; w < written.Length; w++)
            {
                for (ulong bits = written[w]; bits != 0; bits &= bits - 1)
                {
                    int bucket = w * 64 + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    if (vector[bucket] != 0) (indices[e], values[e++]) = (bucket, vector[bucket] / norm);
                    vector[bucket] = 0;
                }
                written[w] = 0;
            }
            result[t] = new SparseEmbedding(Dimensions, indices, values);
        }
        return result;
    }

    /// <summary>Counts the text's features (word unigrams and bigrams) by hash.</summary>
    /// <remarks>
    /// Features are hashed straight from the text (no string per word or bigram): a bigram's FNV-1a continues from
    /// its first word's state over ' ' and the second word, which is FNV-1a of "first second". Counts are kept per
    /// feature hash in first-seen order, so the vector sums in the same order and is bit-identical to hashing each
    /// feature string (two features would merge only on a 64-bit hash collision, which would already share a bucket
    /// and sign).
    /// </remarks>
    private static void CountFeatures(string text, HashedFeatureCounts counts)
    {
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
            ulong bigramStart = FnvStep(previousState, (byte)' ');
            int length = word.Length;
            // ASCII (most words) in one pass: lower-casing maps A-Z only, and each char is its own UTF-8 byte.
            if (!TryHashAscii(word, lowered, bigramStart, out ulong state, out ulong bigram))
            {
                length = word.ToLowerInvariant(lowered);
                var bytes = utf8[..Encoding.UTF8.GetBytes(lowered[..length], utf8)];
                (state, bigram) = (FnvContinue(FnvOffset, bytes), FnvContinue(bigramStart, bytes));
            }
            // Stop words are short: a longer word needs no lookup.
            bool stop = length <= StopWords.LongestLength && StopWords.Contains(lowered[..length]);
            if (!stop) counts.Add(Avalanche(state));
            // Bigrams keep word order ("new york" vs "york new"); pairs of stop words carry no topic.
            if (havePrevious && !(stop && previousStop)) counts.Add(Avalanche(bigram));
            (previousState, previousStop, havePrevious) = (state, stop, true);
        }
    }

    /// <summary>
    /// For an ASCII word: its lower case into <paramref name="lowered"/> and FNV-1a of it from the offset (the word)
    /// and from <paramref name="bigramStart"/> (the bigram it ends). False at the first non-ASCII char.
    /// </summary>
    private static bool TryHashAscii(ReadOnlySpan<char> word, Span<char> lowered, ulong bigramStart, out ulong state, out ulong bigram)
    {
        (state, bigram) = (FnvOffset, bigramStart);
        for (int k = 0; k < word.Length; k++)
        {
            uint c = word[k];
            if (c >= 0x80) return false;
            if (c - 'A' <= 'Z' - 'A') c |= 0x20;
            lowered[k] = (char)c;
            (state, bigram) = ((state ^ c) * FnvPrime, (bigram ^ c) * FnvPrime);
        }
        return true;
    }

    // Sublinear term frequency, signed by the hash's top bit, summed into the hash's bucket in first-seen order; each
    // bucket written is marked in written when it is given.
    private void AddWeights(HashedFeatureCounts counts, float[] vector, ulong[]? written)
    {
        for (int f = 0; f < counts.Count; f++)
        {
            ulong hash = counts.HashAt(f);
            int bucket = (int)(hash % (ulong)Dimensions);
            float sign = (hash >> 63) == 0 ? 1f : -1f;
            vector[bucket] += sign * Weight(counts.CountAt(f));
            if (written is not null) written[bucket >> 6] |= 1UL << bucket;
        }
    }

    // 1 + ln tf. Most features occur a few times in a text: their weights are computed once by the same MathF.Log (so
    // the same bits), not by a call into the C library per feature, which precompiled code pays dearly for (issue 15).
    private static float Weight(int tf) => tf < SmallWeights.Length ? SmallWeights[tf] : 1f + MathF.Log(tf);

    private static readonly float[] SmallWeights = CreateSmallWeights(64);

    private static float[] CreateSmallWeights(int count)
    {
        var weights = new float[count];
        for (int tf = 1; tf < count; tf++) weights[tf] = 1f + MathF.Log(tf);
        return weights;
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

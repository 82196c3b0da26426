using AgentFramework.Onnx.Generation;

namespace AgentFramework.Onnx;

/// <summary>
/// How large the prefix cache of a loaded model is. By default it holds the KV of one whole context window (a document
/// read at full length, so every later question over it skips the document's prefill), bounded by a quarter of the
/// memory the process may use, and never under 256 MiB (room for several short prompts). Least recently used entries
/// are evicted first (<see cref="PrefixCache"/>).
/// </summary>
public static class PrefixCacheSizing
{
    public const long MinimumDefaultBytes = 256L * 1024 * 1024;

    /// <summary>Bytes of KV one prompt token occupies in this graph (every layer's key and value).</summary>
    public static long BytesPerToken(DecoderSignature signature) =>
        signature.PastNames.Count * signature.PastShape(1).Aggregate(1L, (a, b) => a * b) * signature.KvElementSize;

    /// <summary>The capacity for <paramref name="requestedBytes"/> (null: automatic, 0: off).</summary>
    public static long CapacityBytes(long? requestedBytes, DecoderSignature signature, int contextLength)
    {
        if (requestedBytes is { } requested) return Math.Max(0, requested);
        long oneContext = BytesPerToken(signature) * contextLength;
        long memoryBound = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4;
        return Math.Max(MinimumDefaultBytes, Math.Min(oneContext, memoryBound));
    }

    /// <summary>One line for <c>model info</c>: the bound and how many prompt tokens of KV fit in it.</summary>
    public static string Describe(PrefixCache? cache, DecoderSignature signature, int contextLength)
    {
        if (cache is null) return "off";
        long perToken = Math.Max(1, BytesPerToken(signature));
        long tokens = cache.CapacityBytes / perToken;
        string fits = tokens >= contextLength ? "a whole context window" : $"{tokens} of the {contextLength}-token context";
        return $"{cache.CapacityBytes / 1024.0 / 1024.0:F0} MiB, LRU; holds {tokens} prompt tokens of KV ({fits}; {perToken} bytes/token)";
    }
}

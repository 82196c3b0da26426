using AgentFramework.Onnx;

namespace AgentFramework.Cli.Serving;

/// <summary>
/// The resident memory <c>agentfw serve</c> stays under, from what dominates it: the runtime (.NET, ASP.NET Core, ONNX
/// Runtime, with garbage-collector headroom), the model's weight files, the prefix cache's capacity, the KV of the one
/// running generation (one context window), and each admitted request's body (running plus --max-queue waiting) while
/// it is read and parsed (the bytes, the strings decoded from them, and the garbage both leave). Stated at startup; the serve-load benchmark
/// measures peak RSS against it.
/// </summary>
public sealed record ServeMemoryBound(long RuntimeBytes, long WeightBytes, long PrefixCacheBytes, long ActiveKvBytes, int Requests, long BytesPerRequest)
{
    /// <summary>.NET + ASP.NET Core + ONNX Runtime with an idle model and GC headroom (idle tiny model: ~140 MiB).</summary>
    public const long RuntimeAllowance = 256L * 1024 * 1024;

    /// <summary>
    /// Resident bytes per body byte of an admitted request: the UTF-8 bytes, the UTF-16 strings parsed from them (twice
    /// their size for ASCII text), and both again as garbage until the next full collection. Measured: 32 concurrent
    /// 15 MB bodies peaked at 86 MiB each (5.7x), so 6.
    /// </summary>
    public const int BodyCopies = 6;

    public long TotalBytes => RuntimeBytes + WeightBytes + PrefixCacheBytes + ActiveKvBytes + Requests * BytesPerRequest;

    public static ServeMemoryBound For(OnnxModel? model, int maxQueue, long maxBodyBytes)
    {
        long weights = model?.WeightBytes ?? 0;
        long prefix = model?.Generator.PrefixCache?.CapacityBytes ?? 0;
        long kv = model is null ? 0 : PrefixCacheSizing.BytesPerToken(model.Signature) * model.ContextLength;
        return new ServeMemoryBound(RuntimeAllowance, weights, prefix, kv, maxQueue + 1, BodyCopies * maxBodyBytes);
    }

    /// <summary>The startup line: the total and its parts, and the flags that lower it.</summary>
    public string Describe() =>
        $"memory bound {MiB(TotalBytes)} MiB RSS = runtime {MiB(RuntimeBytes)} + weights {MiB(WeightBytes)} + prefix cache {MiB(PrefixCacheBytes)} " +
        $"+ running KV {MiB(ActiveKvBytes)} + {Requests} admitted requests x {BodyCopies} x body limit {MiB(BytesPerRequest / BodyCopies)} MiB " +
        "(--max-queue, --max-body-bytes and --prefix-cache-mb lower it)";

    private static string MiB(long bytes) => Math.Ceiling(bytes / (1024.0 * 1024)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}

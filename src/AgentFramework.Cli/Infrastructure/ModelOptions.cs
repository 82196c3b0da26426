using System.CommandLine;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>Options about model access that every command accepts (recursive on the root command).</summary>
public static class ModelOptions
{
    public const int DefaultContextLength = 8192;

    public static readonly Option<int> ContextLength = new("--context-length")
    {
        Description = $"Context window of the --endpoint model in tokens (a local model folder states its own); default {DefaultContextLength}",
        DefaultValueFactory = _ => DefaultContextLength,
        Recursive = true,
    };

    public static readonly Option<double?> RequestTimeout = new("--request-timeout")
    {
        Description = "Seconds one model call may take before it is abandoned and retried (default: no limit)",
        Recursive = true,
    };

    public static readonly Option<int> MaxAttempts = new("--max-attempts")
    {
        Description = "Attempts per model call for transient failures (timeouts, HTTP 429/5xx), the first included; default 4",
        DefaultValueFactory = _ => 4,
        Recursive = true,
    };

    public static readonly Option<string?> Cache = new("--cache")
    {
        Description = "SQLite file of finished model calls, replayed when a job is re-run (default: AGENTFW_CACHE or ~/.local/share/agentfw/calls.db)",
        Recursive = true,
    };

    public static readonly Option<bool> NoCache = new("--no-cache")
    {
        Description = "Call the model every time, without reading or writing the call cache",
        Recursive = true,
    };

    public static readonly Option<string?> EmbeddingModelId = new("--embedding-model-id")
    {
        Description = "Embedding model name to request from --endpoint (default: the --model-id)",
        Recursive = true,
    };

    public static readonly Option<int?> PrefixCacheMegabytes = new("--prefix-cache-mb")
    {
        Description = "Memory bound in MiB of a local model's prefix cache (KV of recent prompts, least recently used evicted; 0 = off); default: one whole context window's KV, within a quarter of memory (see `agentfw model info`)",
        Recursive = true,
    };

    public static IEnumerable<Option> All => [ContextLength, RequestTimeout, MaxAttempts, Cache, NoCache, EmbeddingModelId, PrefixCacheMegabytes];

    /// <summary>The validated --prefix-cache-mb as runtime options (null bytes: automatic sizing).</summary>
    public static Onnx.OnnxModelOptions LocalModelOptions(ParseResult parse)
    {
        var megabytes = parse.GetValue(PrefixCacheMegabytes);
        if (megabytes is < 0)
            throw new Errors.InvalidOptionException("--prefix-cache-mb", $"--prefix-cache-mb {megabytes} must be 0 (off) or a positive number of MiB");
        return new Onnx.OnnxModelOptions { PrefixCacheBytes = megabytes is { } mb ? mb * 1024L * 1024 : null };
    }
}

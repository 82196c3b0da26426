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

    public static IEnumerable<Option> All => [ContextLength, RequestTimeout, MaxAttempts, Cache, NoCache, EmbeddingModelId];
}

using AgentFramework.Tokens;

namespace AgentFramework.Cli.Serving;

/// <summary>Settings of <see cref="OpenAiCompatibleServer"/>.</summary>
public sealed record ServerOptions
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Where to listen (semicolon-separated); loopback only unless told otherwise. Port 0 picks a free port.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Name reported for the chat model in /v1/models and responses.</summary>
    public string ModelId { get; init; } = "agentfw-model";

    /// <summary>Name reported for the embedding model.</summary>
    public string EmbeddingModelId { get; init; } = "agentfw-embedding";

    /// <summary>When set, every /v1 request must send <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Requests allowed to wait behind the running one; more get HTTP 429.</summary>
    public int MaxQueue { get; init; } = 16;

    /// <summary>Largest request body accepted; larger ones get HTTP 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// The drain: time admitted requests (running and queued) get to finish on shutdown; then streams end with an
    /// error event and [DONE] and requests not started get 503.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Counts tokens for the usage block when the model reports none.</summary>
    public ITokenCounter? TokenCounter { get; init; }

    /// <summary>The served model's tokenizer, chat template and window, for /tokenize, /detokenize and max_model_len; null offers none.</summary>
    public IServedTokenizer? Tokenizer { get; init; }

    /// <summary>Log warnings and errors to stderr (the CLI); tests leave it off.</summary>
    public bool LogToConsole { get; init; }
}

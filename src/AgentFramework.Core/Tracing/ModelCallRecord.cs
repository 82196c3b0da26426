namespace AgentFramework.Tracing;

/// <summary>One model call as seen by the usage-accounting middleware.</summary>
/// <param name="Stage">Pipeline stage that made the call (e.g. "chain-of-agents/worker").</param>
/// <param name="Cached">True when the call was replayed from the call cache (no model work was done).</param>
/// <param name="Error">The exception message when the call failed.</param>
/// <param name="CachedPromptTokens">Prompt tokens the backend served from its prefix cache (OpenAI's
/// prompt_tokens_details.cached_tokens; our runtime's reused KV prefix); 0 when none or not reported.</param>
public sealed record ModelCallRecord(
    string Stage,
    string? ModelId,
    int PromptTokens,
    int CompletionTokens,
    TimeSpan Latency,
    bool Cached,
    DateTimeOffset StartedAt,
    string? Error = null,
    int CachedPromptTokens = 0);

namespace AgentFramework.Tracing;

/// <summary>
/// Something a run did that changes its result (truncation, a fallback, an answer short of its target, replayed calls):
/// a stable <paramref name="Code"/> for tools and a one-line <paramref name="Message"/> for people.
/// </summary>
public sealed record TraceNotice(string Code, string Message);

/// <summary>The codes of the notices the pipelines raise.</summary>
public static class TraceNoticeCodes
{
    public const string ContextTruncated = "context_truncated";
    public const string PlanFallback = "plan_fallback";
    public const string LengthUnderTarget = "length_under_target";
    public const string LengthOverTarget = "length_over_target";
    public const string ChunksTruncated = "chunks_truncated";
    public const string NoGroundedPassage = "no_grounded_passage";
    public const string CachedReplay = "cached_replay";
    public const string PromptChanged = "prompt_changed";
    public const string MemoryReused = "memory_reused";
}

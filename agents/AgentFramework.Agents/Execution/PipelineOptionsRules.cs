using AgentFramework.Agents.ChainOfAgents;
using AgentFramework.Agents.Extractive;
using AgentFramework.Agents.FullContext;
using AgentFramework.Agents.MemoryStream;
using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Agents.RetrieveThenReason;

namespace AgentFramework.Agents.Execution;

/// <summary>
/// What makes each built-in pipeline's options unusable (a budget below one token, no sentences, …): checked when the
/// options are first read, so a bad setting fails before any model call instead of inside a budget computation.
/// </summary>
internal static class PipelineOptionsRules
{
    public static string? Check(ChainOfAgentsOptions o) =>
        Positive(("UnitTokens", o.UnitTokens), ("AnswerTokens", o.AnswerTokens), ("MinChunkTokens", o.MinChunkTokens), ("MaxChunkTokens", o.MaxChunkTokens ?? 1));

    public static string? Check(RetrieveThenReasonOptions o) =>
        Positive(("TopK", o.TopK), ("ChunkTokens", o.ChunkTokens), ("ExtractTokens", o.ExtractTokens), ("AnswerTokens", o.AnswerTokens), ("MaxParallelExtracts", o.MaxParallelExtracts));

    public static string? Check(FullContextOptions o) => Positive(("AnswerTokens", o.AnswerTokens));

    public static string? Check(ExtractiveOptions o) =>
        Positive(("AnswerSentences", o.AnswerSentences), ("Iterations", o.Iterations), ("MaxSentenceWords", o.MaxSentenceWords))
        ?? (o.Damping is > 0 and < 1 ? null : $"Damping must be between 0 and 1 (got {o.Damping})");

    public static string? Check(MemoryStreamOptions o) =>
        Positive(("ArchivedEntries", o.ArchivedEntries), ("ObserveOutputTokens", o.ObserveOutputTokens), ("ReflectOutputTokens", o.ReflectOutputTokens),
            ("AnswerOutputTokens", o.AnswerOutputTokens), ("NoteTokens", o.NoteTokens), ("SummaryEntries", o.SummaryEntries));

    public static string? Check(PlanThenWriteOptions o) =>
        Positive(("PreferredSectionWords", o.PreferredSectionWords), ("MaxSectionWords", o.MaxSectionWords), ("MaxSections", o.MaxSections),
            ("MaxOutputTokensPerCall", o.MaxOutputTokensPerCall))
        ?? (o.MaxContinuationRounds < 0 ? $"MaxContinuationRounds must be 0 or more (got {o.MaxContinuationRounds})" : null)
        ?? (o.TokensPerWord > 0 ? null : $"TokensPerWord must be above 0 (got {o.TokensPerWord})");

    // A loop rather than LINQ over value tuples, which is compiled at start-up in every run (issue 15).
    private static string? Positive(params (string Name, int Value)[] settings)
    {
        foreach (var (name, value) in settings)
            if (value < 1) return $"{name} must be at least 1 (got {value})";
        return null;
    }
}

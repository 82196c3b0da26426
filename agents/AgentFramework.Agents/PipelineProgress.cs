namespace AgentFramework.Agents;

/// <summary>
/// A progress report: model calls done out of those planned (the plan can grow, e.g. once retrieval knows k), tokens
/// so far and time elapsed. Rates and ETA derive from these.
/// </summary>
public sealed record PipelineProgress(string Stage, int CallsDone, int CallsPlanned, long PromptTokens, long CompletionTokens, TimeSpan Elapsed)
{
    /// <summary>Completion tokens per second so far (0 before the first call).</summary>
    public double TokensPerSecond => Elapsed.TotalSeconds > 0 ? CompletionTokens / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time left at the average pace so far; null before the first call.</summary>
    public TimeSpan? EstimatedRemaining => CallsDone == 0 || CallsPlanned <= CallsDone
        ? (CallsPlanned <= CallsDone && CallsDone > 0 ? TimeSpan.Zero : null)
        : TimeSpan.FromTicks(Elapsed.Ticks / CallsDone * (CallsPlanned - CallsDone));
}

namespace AgentFramework.Evaluation.Runner;

/// <summary>
/// Where a benchmark run stands: runs done of those to do (resumed ones excluded), failures, pace and ETA; and for the
/// pipeline of the run just finished, its own runs done of its total (cases × pipelines, for nested progress bars).
/// </summary>
public sealed record BenchmarkProgress(int Done, int Total, int Failed, int Resumed, TimeSpan Elapsed, string LastKey,
    string Pipeline = "", int PipelineDone = 0, int PipelineTotal = 0)
{
    public double RunsPerMinute => Elapsed.TotalMinutes > 0 ? Done / Elapsed.TotalMinutes : 0;

    public TimeSpan? EstimatedRemaining => Done == 0 ? null : TimeSpan.FromTicks(Elapsed.Ticks / Done * (Total - Done));

    /// <summary>One progress line for stderr, e.g. "12/40 runs (1 failed, 8 resumed) 3.1/min, ETA 00:09:02 — niah-4k-3 × full-context".</summary>
    public string Describe() =>
        $"{Done}/{Total} runs ({Failed} failed, {Resumed} resumed) {RunsPerMinute:0.0}/min, ETA {(EstimatedRemaining is { } eta ? eta.ToString(@"hh\:mm\:ss") : "--:--:--")} — {LastKey}";
}

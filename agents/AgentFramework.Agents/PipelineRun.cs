using System.Diagnostics;
using AgentFramework.Tracing;

namespace AgentFramework.Agents;

/// <summary>
/// The state of one pipeline run: its trace (made ambient through <see cref="PipelineContext"/> so middleware records
/// calls into it), the planned number of model calls and the progress reporting derived from both.
/// </summary>
public sealed class PipelineRun
{
    private readonly IProgress<PipelineProgress>? _progress;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _callsDone;
    private int _callsPlanned;

    public PipelineRun(PipelineTrace trace, IProgress<PipelineProgress>? progress)
    {
        Trace = trace;
        _progress = progress;
    }

    public PipelineTrace Trace { get; }

    public int CallsDone => Volatile.Read(ref _callsDone);

    public int CallsPlanned => Volatile.Read(ref _callsPlanned);

    /// <summary>Adds <paramref name="calls"/> model calls to the plan (e.g. n workers + 1 manager).</summary>
    public void PlanCalls(int calls, string stage)
    {
        Interlocked.Add(ref _callsPlanned, calls);
        Report(stage);
    }

    /// <summary>Counts one finished model call and reports progress.</summary>
    public void CallFinished(string stage)
    {
        Interlocked.Increment(ref _callsDone);
        Report(stage);
    }

    private void Report(string stage) => _progress?.Report(new PipelineProgress(stage, CallsDone, CallsPlanned,
        Trace.PromptTokens, Trace.CompletionTokens, _clock.Elapsed));
}

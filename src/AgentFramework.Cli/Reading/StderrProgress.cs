using AgentFramework.Agents;
using AgentFramework.Cli.Infrastructure;

namespace AgentFramework.Cli.Reading;

/// <summary>
/// Progress of a reading command on a <see cref="ProgressBoard"/> (stderr): model calls done of planned, with the stage
/// being run. Pipelines that plan no calls (extractive) show nothing.
/// </summary>
public sealed class StderrProgress(ProgressBoard board, string pipeline) : IProgress<PipelineProgress>
{
    private readonly Lock _gate = new();
    private ProgressItem? _item;
    private int _lastCalls = -1;

    public void Report(PipelineProgress value)
    {
        lock (_gate)
        {
            if (value.CallsPlanned == 0 || value.CallsDone == _lastCalls) return;
            _lastCalls = value.CallsDone;
            _item ??= board.Add(pipeline, "calls", value.CallsPlanned);
            _item.Update(value.CallsDone, value.CallsPlanned, value.Stage);
        }
    }

    public static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:D2}m" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:D2}s" : $"{t.TotalSeconds:F1}s";
}

using AgentFramework.Agents;

namespace AgentFramework.Cli.Reading;

/// <summary>
/// Progress of a reading command on stderr: model calls done/planned, completion tokens per second and ETA. One line
/// rewritten in place on a terminal; one line per finished call when stderr is redirected.
/// </summary>
public sealed class StderrProgress(TextWriter? output = null) : IProgress<PipelineProgress>
{
    private readonly TextWriter _output = output ?? Console.Error;
    private readonly bool _inPlace = output is null && !Console.IsErrorRedirected;
    private readonly Lock _gate = new();
    private int _lastCalls = -1;
    private bool _lineOpen;

    public void Report(PipelineProgress value)
    {
        lock (_gate)
        {
            if (value.CallsPlanned == 0 || value.CallsDone == _lastCalls) return;
            _lastCalls = value.CallsDone;
            var eta = value.EstimatedRemaining is { } left ? $", ETA {Format(left)}" : "";
            var line = $"{value.Stage}: {value.CallsDone}/{value.CallsPlanned} calls, {value.TokensPerSecond:F1} tok/s{eta}";
            if (_inPlace) { _output.Write($"\r{line,-78}"); _lineOpen = true; }
            else _output.WriteLine(line);
        }
    }

    /// <summary>Ends an in-place progress line before other output.</summary>
    public void Finish()
    {
        lock (_gate) if (_lineOpen) { _output.WriteLine(); _lineOpen = false; }
    }

    public static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:D2}m" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:D2}s" : $"{t.TotalSeconds:F1}s";
}

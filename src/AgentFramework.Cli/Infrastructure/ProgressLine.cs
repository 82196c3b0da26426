using System.Diagnostics;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>
/// One self-overwriting progress line on stderr (percent, rate, ETA), at most a few times a second. Shown on a
/// terminal, or as plain lines with --verbose when stderr is redirected; silent otherwise so logs stay clean.
/// </summary>
public sealed class ProgressLine(string label, long totalBytes, bool verbose)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private TimeSpan _lastShown = TimeSpan.Zero;
    private bool _shown;

    public void Report(double fraction, string detail)
    {
        if (!_terminal && !verbose) return;
        var elapsed = _clock.Elapsed;
        if (fraction < 1 && elapsed - _lastShown < TimeSpan.FromMilliseconds(_terminal ? 250 : 1000)) return;
        if (elapsed < TimeSpan.FromSeconds(1) && fraction < 1 && !_shown) return; // quick jobs print nothing
        _lastShown = elapsed;
        double seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        double rate = totalBytes * fraction / 1e6 / seconds;
        string eta = fraction > 0 && fraction < 1 ? $", ETA {TimeSpan.FromSeconds(seconds * (1 - fraction) / fraction):m\\:ss}" : "";
        var line = $"{label}: {fraction * 100:F0}% ({detail}, {rate:F1} MB/s{eta})";
        if (_terminal) Console.Error.Write($"\r{line}\u001b[K");
        else Console.Error.WriteLine(line);
        _shown = true;
    }

    /// <summary>Ends the line on a terminal so the next output starts on a fresh one.</summary>
    public void Finish()
    {
        if (_shown && _terminal) Console.Error.WriteLine();
    }
}

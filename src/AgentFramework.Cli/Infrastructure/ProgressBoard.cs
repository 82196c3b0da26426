using System.Diagnostics;
using System.Globalization;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>One tracked piece of work on a <see cref="ProgressBoard"/>: done of total units, and what it is doing now.</summary>
public abstract class ProgressItem
{
    /// <summary>
    /// Sets the count done (and the total, when it changed) and the current stage or item. A <paramref name="milestone"/>
    /// (a section finished) is printed even when plain lines are being throttled.
    /// </summary>
    public abstract void Update(double done, double total, string? detail = null, bool milestone = false);
}

/// <summary>
/// Progress of a command on stderr (never stdout, so <c>--json</c> output stays clean): Spectre.Console bars on a
/// terminal (description, bar, done/total, percent, rate, ETA, elapsed; one row per item, so a benchmark shows its runs
/// and each pipeline's), plain lines when stderr is redirected, at most one a second plus the last.
/// </summary>
public abstract class ProgressBoard
{
    /// <summary>Adds a row: <paramref name="name"/> counting <paramref name="unit"/> (runs, calls, sections, files).</summary>
    public abstract ProgressItem Add(string name, string unit, double total);

    /// <summary>Runs <paramref name="work"/> with a board for this process's stderr, and ends the board when it returns.</summary>
    public static async Task<T> RunAsync<T>(Func<ProgressBoard, Task<T>> work)
    {
        if (Console.IsErrorRedirected || Environment.GetEnvironmentVariable("TERM") == "dumb")
            return await work(new PlainProgressBoard(Console.Error));
        return await SpectreProgressBoard.RunAsync(work);
    }

    /// <summary>"3.1/s", "12.0/min" or "0.4/h", whichever reads best.</summary>
    public static string Rate(double perSecond, string unit) =>
        perSecond >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{perSecond:0.0} {unit}/s")
        : perSecond * 60 >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{perSecond * 60:0.0} {unit}/min")
        : string.Create(CultureInfo.InvariantCulture, $"{perSecond * 3600:0.0} {unit}/h");

    public static string Duration(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:D2}:{t.Seconds:D2}" : $"{t.Minutes}:{t.Seconds:D2}";
}

/// <summary>
/// The redirected form of <see cref="ProgressBoard"/>: one line per update of the form
/// <c>bench: 12/40 runs (30%), 3.1 runs/min, ETA 9:02 — niah-4k-3 × full-context</c>, at most one per
/// <see cref="Interval"/> for the whole board, plus every item's first and last.
/// </summary>
public sealed class PlainProgressBoard(TextWriter output, Func<TimeSpan>? clock = null) : ProgressBoard
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Func<TimeSpan> _clock = clock ?? Stopwatch.StartNew().ElapsedTimeGetter();
    private readonly Lock _gate = new();
    private TimeSpan? _lastLine;

    public override ProgressItem Add(string name, string unit, double total) => new Item(this, name, unit, total, _clock());

    private void Write(string line, bool force)
    {
        lock (_gate)
        {
            var now = _clock();
            if (!force && _lastLine is { } last && now - last < Interval) return;
            _lastLine = now;
            output.WriteLine(line);
        }
    }

    private sealed class Item(PlainProgressBoard board, string name, string unit, double total, TimeSpan started) : ProgressItem
    {
        private bool _first = true, _finished;

        public override void Update(double done, double newTotal, string? detail = null, bool milestone = false)
        {
            total = newTotal;
            if (_finished || total <= 0) return;
            bool final = done >= total;
            _finished = final;
            var elapsed = board._clock() - started;
            double perSecond = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
            var eta = !final && perSecond > 0 ? $", ETA {Duration(TimeSpan.FromSeconds((total - done) / perSecond))}" : final ? $", took {Duration(elapsed)}" : "";
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{name}: {done:0.##}/{total:0.##} {unit} ({done / total:P0}), {Rate(perSecond, unit)}{eta}{(detail is null ? "" : " — " + detail)}");
            board.Write(line, force: _first || final || milestone);
            _first = false;
        }
    }
}

internal static class StopwatchExtensions
{
    public static Func<TimeSpan> ElapsedTimeGetter(this Stopwatch watch) => () => watch.Elapsed;
}

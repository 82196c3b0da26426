using System.Diagnostics;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>
/// Writes progress lines to stderr synchronously (so lines never interleave or arrive late), at most one per
/// <paramref name="interval"/> except the final one.
/// </summary>
internal sealed class StderrProgress<T>(Func<T, string> format, Func<T, bool> isFinal, TimeSpan interval) : IProgress<T>
{
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private bool _first = true;

    public void Report(T value)
    {
        if (!_first && !isFinal(value) && _sinceLast.Elapsed < interval) return;
        _first = false;
        _sinceLast.Restart();
        Console.Error.WriteLine(format(value));
    }
}

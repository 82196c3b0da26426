using System.Diagnostics;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>
/// Progress on stderr, written synchronously (lines never interleave or arrive late): one line rewritten in place on a
/// terminal; when stderr is redirected, at most one line per <paramref name="interval"/> plus the final one.
/// </summary>
internal sealed class StderrProgress<T>(Func<T, string> format, Func<T, bool> isFinal, TimeSpan interval) : IProgress<T>
{
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private readonly bool _inPlace = !Console.IsErrorRedirected;
    private readonly Lock _gate = new();
    private bool _first = true;

    public void Report(T value)
    {
        lock (_gate)
        {
            bool final = isFinal(value);
            if (!_inPlace && !_first && !final && _sinceLast.Elapsed < interval) return;
            _first = false;
            _sinceLast.Restart();
            if (_inPlace) Console.Error.Write($"\r{format(value),-100}{(final ? Environment.NewLine : "")}");
            else Console.Error.WriteLine(format(value));
        }
    }
}

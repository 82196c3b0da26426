using System.Diagnostics;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>A benchmark's child process (a publish, an agentfw run) run to its end, with its wall time.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Starts <paramref name="file"/> with <paramref name="args"/>, reads both streams while it runs (so neither pipe fills
    /// and blocks it) and returns its standard output and wall seconds; a non-zero exit throws with what it printed.
    /// </summary>
    public static async Task<(string Stdout, double Seconds)> RunAsync(string file, IEnumerable<string> args, string? workingDirectory = null,
        Action<ProcessStartInfo>? configure = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var a in args) start.ArgumentList.Add(a);
        configure?.Invoke(start);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        double seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{file} {string.Join(' ', start.ArgumentList)}' exited {process.ExitCode}: {(await stdout + await stderr).Trim()}");
        return (await stdout, seconds);
    }
}

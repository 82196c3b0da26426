using System.Diagnostics;
using AgentFramework.IntegrationTests.Infrastructure;

namespace AgentFramework.IntegrationTests.Hardening;

/// <summary>
/// Runs agentfw as a child process and records its peak resident set (VmHWM from /proc/PID/status, sampled every
/// 20 ms while it runs: a high-water mark, so any sample after the peak sees it) and its wall time. A run past the
/// hard limit is killed and reported, not waited on forever.
/// </summary>
internal static class MeasuredRun
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError, long PeakRssBytes, TimeSpan Elapsed, bool Killed);

    public static async Task<Result> RunAsync(string workingDirectory, IEnumerable<string> args, TimeSpan hardLimit, CancellationToken ct)
    {
        var start = AgentFwProcess.StartInfo(workingDirectory, args);
        start.RedirectStandardInput = true;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start agentfw");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        long peak = 0;
        bool killed = false;
        var exited = process.WaitForExitAsync(ct);
        while (!exited.IsCompleted)
        {
            peak = Math.Max(peak, ReadPeakRss(process.Id));
            if (clock.Elapsed > hardLimit)
            {
                killed = true;
                process.Kill(entireProcessTree: true);
                break;
            }
            await Task.WhenAny(exited, Task.Delay(20, ct));
        }
        await process.WaitForExitAsync(ct);
        return new Result(process.ExitCode, await stdout, await stderr, peak, clock.Elapsed, killed);
    }

    /// <summary>VmHWM of a live process in bytes; 0 once it is gone or where /proc does not exist.</summary>
    public static long ReadPeakRss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return 0;
    }
}

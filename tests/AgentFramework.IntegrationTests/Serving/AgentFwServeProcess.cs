using System.Diagnostics;
using System.Text.RegularExpressions;
using AgentFramework.IntegrationTests.Infrastructure;

namespace AgentFramework.IntegrationTests.Serving;

/// <summary><c>agentfw serve</c> as a child process (and one-shot commands run the same way): started, waited on until it listens, signalled.</summary>
internal sealed partial class AgentFwServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private AgentFwServeProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public Uri BaseAddress { get; }

    /// <summary>Runs a one-shot agentfw command the way <see cref="StartAsync"/> starts the server.</summary>
    public static Task<AgentFwProcess.Outcome> RunAsync(CancellationToken ct, params string[] args) =>
        AgentFwProcess.RunAsync(Path.GetTempPath(), args, ct, limit: TimeSpan.FromMinutes(3));

    /// <summary>Starts <c>agentfw serve ARGS --urls http://127.0.0.1:0</c> and waits for its "listening on" line.</summary>
    public static async Task<AgentFwServeProcess> StartAsync(CancellationToken ct, params string[] args)
    {
        var process = AgentFwProcess.Start(Path.GetTempPath(), ["serve", .. args, "--urls", "http://127.0.0.1:0"]);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            if (Listening().Match(line) is { Success: true } m) return new AgentFwServeProcess(process, new Uri(m.Groups[1].Value));
        await process.WaitForExitAsync(limit.Token);
        throw new InvalidOperationException($"agentfw serve exited with {process.ExitCode} before listening: {await process.StandardError.ReadToEndAsync(limit.Token)}");
    }

    /// <summary>The server's peak resident memory so far (VmHWM), while it runs.</summary>
    public long PeakRssBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        throw new InvalidOperationException("no VmHWM in /proc/PID/status");
    }

    /// <summary>Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status), which a child it starts inherits.</summary>
    public static bool InterruptIgnored()
    {
        const ulong sigint = 1UL << (2 - 1);
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
                return (ulong.Parse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) & sigint) != 0;
        return false;
    }

    /// <summary>Sends a signal (TERM, INT) and waits for the exit code.</summary>
    public async Task<(int ExitCode, string Stderr)> SignalAndWaitAsync(string signal, CancellationToken ct)
    {
        using (var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString()])) await kill.WaitForExitAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(limit.Token);
        return (_process.ExitCode, await _stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (http://\S+?)/? ")]
    private static partial Regex Listening();
}

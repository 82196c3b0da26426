using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AgentFramework.IntegrationTests.Serving;

/// <summary>Runs the built agentfw (copied beside the tests) as a child process: one-shot commands and <c>agentfw serve</c>.</summary>
internal sealed partial class AgentFwServeProcess : IDisposable
{
    private static string AgentFwDll => Path.Combine(AppContext.BaseDirectory, "agentfw.dll");
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private AgentFwServeProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public Uri BaseAddress { get; }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(AgentFwDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(CancellationToken ct, params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts <c>agentfw serve ARGS --urls http://127.0.0.1:0</c> and waits for its "listening on" line.</summary>
    public static async Task<AgentFwServeProcess> StartAsync(CancellationToken ct, params string[] args)
    {
        var process = Process.Start(StartInfo(["serve", .. args, "--urls", "http://127.0.0.1:0"]))!;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            if (Listening().Match(line) is { Success: true } m) return new AgentFwServeProcess(process, new Uri(m.Groups[1].Value));
        await process.WaitForExitAsync(limit.Token);
        throw new InvalidOperationException($"agentfw serve exited with {process.ExitCode} before listening: {await process.StandardError.ReadToEndAsync(limit.Token)}");
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

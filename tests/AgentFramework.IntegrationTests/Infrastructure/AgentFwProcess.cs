using System.Diagnostics;

namespace AgentFramework.IntegrationTests.Infrastructure;

/// <summary>
/// Runs the built agentfw (agentfw.dll, copied beside the tests by the project reference) as a child process, as a user
/// would: real argument parsing, exit codes and streams.
/// </summary>
internal static class AgentFwProcess
{
    /// <summary>What a finished run printed and returned.</summary>
    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>The user's own agentfw configuration: kept out of the child so a test sees only what it passes.</summary>
    private static readonly string[] UserConfiguration = ["AGENTFW_MODEL", "AGENTFW_ENDPOINT", "AGENTFW_MODEL_ID", "AGENTFW_API_KEY", "AGENTFW_CACHE"];

    private static string AgentFwDll => Path.Combine(AppContext.BaseDirectory, "agentfw.dll");

    /// <summary><c>dotnet agentfw.dll ARGS</c> in <paramref name="workingDirectory"/>, standard output and error redirected.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AgentFwDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in UserConfiguration) start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    /// <summary>Starts agentfw and leaves it running: the caller reads its streams and disposes it.</summary>
    public static Process Start(string workingDirectory, IEnumerable<string> args) =>
        Process.Start(StartInfo(workingDirectory, args)) ?? throw new InvalidOperationException("could not start dotnet agentfw.dll");

    /// <summary>
    /// Runs agentfw to its exit. <paramref name="standardInput"/> is written to its standard input, which is then closed
    /// (so a command reading "-" sees the end); <paramref name="environment"/> adds variables; past
    /// <paramref name="limit"/> the wait is cancelled.
    /// </summary>
    public static async Task<Outcome> RunAsync(string workingDirectory, IEnumerable<string> args, CancellationToken cancellationToken,
        string? standardInput = null, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? limit = null)
    {
        var start = StartInfo(workingDirectory, args);
        start.RedirectStandardInput = true;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet agentfw.dll");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (limit is { } timeout) wait.CancelAfter(timeout);
        await process.WaitForExitAsync(wait.Token);
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}

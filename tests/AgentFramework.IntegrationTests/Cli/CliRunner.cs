using System.Diagnostics;

namespace AgentFramework.IntegrationTests.Cli;

/// <summary>Runs the built agentfw (beside the tests) as a child process: real argument parsing, exit codes and streams.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static async Task<Result> RunAsync(string workingDirectory, string? standardInput, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "agentfw.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var variable in new[] { "AGENTFW_MODEL", "AGENTFW_ENDPOINT", "AGENTFW_MODEL_ID", "AGENTFW_API_KEY" })
            start.Environment.Remove(variable);

        using var process = Process.Start(start)!;
        var ct = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        await process.WaitForExitAsync(ct);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}

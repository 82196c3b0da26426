using System.Diagnostics;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Errors;

namespace AgentFramework.IntegrationTests.Longform;

/// <summary>Runs the real agentfw executable (agentfw.dll beside the tests) in a child process, as a user would.</summary>
internal static class AgentFwProcess
{
    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError);

    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "agentfw.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // Keep the user's configuration out of the test.
        foreach (var name in new[] { "AGENTFW_MODEL", "AGENTFW_ENDPOINT", "AGENTFW_MODEL_ID", "AGENTFW_CACHE" }) info.Environment.Remove(name);
        return info;
    }

    public static Task<Outcome> RunAsync(string workingDirectory, CancellationToken ct, params string[] args) =>
        RunAsync(workingDirectory, ct, new Dictionary<string, string>(), args);

    public static async Task<Outcome> RunAsync(string workingDirectory, CancellationToken ct, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = StartInfo(workingDirectory, args);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The tiny Llama export, or a skip when ../shared is absent or this build cannot run local models yet.</summary>
    public static string RequireRunnableTinyLlama()
    {
        var folder = SharedData.TinyLlama;
        try
        {
            LocalModelLoader.Load(folder).Dispose();
        }
        catch (ModelException e) when (e.Message.Contains("no local ONNX runtime", StringComparison.Ordinal))
        {
            Assert.Skip("this build has no local ONNX runtime wired into LocalModelLoader yet");
        }
        return folder;
    }
}

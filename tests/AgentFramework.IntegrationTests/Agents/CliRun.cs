using AgentFramework.Cli;

namespace AgentFramework.IntegrationTests.Agents;

/// <summary>Tests in this collection swap the process's console, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}

/// <summary>Runs the agentfw command in-process with stdout and stderr captured.</summary>
public static class CliRun
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        await Gate.WaitAsync();
        var (stdout, stderr) = (Console.Out, Console.Error);
        var (capturedOut, capturedErr) = (new StringWriter(), new StringWriter());
        try
        {
            Console.SetOut(capturedOut);
            Console.SetError(capturedErr);
            int code = await AgentFwCli.RunAsync(args);
            return (code, capturedOut.ToString(), capturedErr.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            Gate.Release();
        }
    }
}

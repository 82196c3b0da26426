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

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Runs agentfw as a program that hosts it would, with <paramref name="configure"/>'s registrations (null: the plain binary).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Action<AgentFramework.Agents.AgentFrameworkBuilder>? configure, params string[] args)
    {
        await Gate.WaitAsync();
        var (stdout, stderr) = (Console.Out, Console.Error);
        var (capturedOut, capturedErr) = (new StringWriter(), new StringWriter());
        try
        {
            Console.SetOut(capturedOut);
            Console.SetError(capturedErr);
            int code = configure is null ? await AgentFwCli.RunAsync(args) : await AgentFwCli.RunAsync(args, configure);
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

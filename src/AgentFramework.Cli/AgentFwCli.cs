using System.CommandLine;
using AgentFramework.Cli.Infrastructure;

namespace AgentFramework.Cli;

/// <summary>Builds the agentfw root command. Each command lives in Commands/ and is registered here.</summary>
public static class AgentFwCli
{
    /// <param name="invoked">
    /// The command the arguments start with: only its subtree is built (start-up, issue 15), as a run never looks at the
    /// others; null (or a name that is no command) builds them all, for the root's help and its error messages.
    /// </param>
    public static RootCommand Build(string? invoked = null)
    {
        var root = new RootCommand(
            "agentfw: answer questions over, summarise and write documents longer than a model's context window.\n" +
            "Example: agentfw summarize samples/data/moby-dick.txt --words 300");
        foreach (var option in GlobalOptions.All) root.Options.Add(option);
        foreach (var option in ModelOptions.All) root.Options.Add(option);
        foreach (var option in DocumentLimitOptions.All) root.Options.Add(option);

        // One line per command; keep the list sorted.
        Add(root, invoked, "ask", Commands.AskCommand.Create);
        Add(root, invoked, "bench", Commands.BenchCommand.Create);
        Add(root, invoked, "chunk", Commands.ChunkCommand.Create);
        Add(root, invoked, "generate", Commands.GenerateCommand.Create);
        Add(root, invoked, "ingest", Commands.IngestCommand.Create);
        Add(root, invoked, "model", Commands.ModelInfoCommand.Create);
        Add(root, invoked, "score", Commands.ScoreCommand.Create);
        Add(root, invoked, "search", Commands.SearchCommand.Create);
        Add(root, invoked, "serve", Commands.ServeCommand.Create);
        Add(root, invoked, "store", Commands.StoreInfoCommand.Create);
        Add(root, invoked, "summarize", Commands.SummarizeCommand.Create);
        Add(root, invoked, "version", Commands.VersionCommand.Create);
        Add(root, invoked, "write", Commands.WriteCommand.Create);

        if (root.Subcommands.Count == 0) return Build();
        return root;
    }

    private static void Add(RootCommand root, string? invoked, string name, Func<Command> create)
    {
        if (invoked is null || invoked == name) root.Subcommands.Add(create());
    }

    /// <summary>
    /// Runs agentfw inside your own program: every command, with <paramref name="configure"/>'s pipelines (and options)
    /// registered in the container each command builds, so <c>--pipeline</c> accepts and lists them. Stores, datasets,
    /// metrics and scorers join the CLI's registries (<c>ChunkIndexProviders.Default</c>, <c>DatasetProviders.Default</c>,
    /// <c>MetricDefinitions.Default</c>, <c>PredictionScorers.Default</c>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, Action<Agents.AgentFrameworkBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        // Set in this async flow only: it reaches this run's commands and is gone when it returns.
        PipelineServices.UseHostConfiguration(configure);
        return await RunAsync(args);
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build(args.FirstOrDefault());
        if (args.Length == 0) args = ["--help"];
        bool helpAsked = args.Any(a => a is "-h" or "--help" or "-?");
        if (helpAsked) Reading.PipelineOption.ListRegisteredUnder(root);
        var parse = root.Parse(args);
        // A bad flag or value is a user error: one line naming it, exit code 2 (System.CommandLine's default is 1 plus the help text).
        if (parse.Errors.Count > 0 && !helpAsked)
        {
            var command = string.Join(' ', parse.CommandResult.Command is RootCommand ? ["agentfw"] : ["agentfw", parse.CommandResult.Command.Name]);
            var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            Console.Error.WriteLine($"error: {error.Message} (see '{command} --help')");
            return ExitCodes.UserError;
        }
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        // SIGTERM cancels like Ctrl+C. System.CommandLine's own handling is off (null timeout): it would end the process
        // 2 s after the signal, cutting serve's drain and a command's cleanup short.
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; cancel.Cancel(); });
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}

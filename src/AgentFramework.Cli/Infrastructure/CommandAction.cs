using System.CommandLine;
using AgentFramework.Errors;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>Exit codes of the agentfw command.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Unexpected = 1;
    public const int UserError = 2;
    public const int Cancelled = 130;
}

/// <summary>
/// Wraps a command's body with settings resolution and the error policy: a <see cref="UserInputException"/> prints
/// one line on stderr and exits 2; cancellation (Ctrl+C) exits 130; anything else prints its message (stack trace only
/// with --verbose) and exits 1.
/// </summary>
public static class CommandAction
{
    public static void Set(Command command, Func<ParseResult, CliSettings, CancellationToken, Task<int>> body) =>
        command.SetAction((parse, ct) => RunAsync(parse, body, ct));

    private static async Task<int> RunAsync(ParseResult parse, Func<ParseResult, CliSettings, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        bool verbose = parse.GetValue(GlobalOptions.Verbose);
        try
        {
            var settings = CliSettings.Resolve(parse);
            return await body(parse, settings, ct);
        }
        catch (UserInputException e)
        {
            Console.Error.WriteLine($"error: {OneLine(e.Message)}");
            if (verbose && e.InnerException is { } inner) Console.Error.WriteLine(inner);
            return ExitCodes.UserError;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled: finished work is kept; run the same command again to resume");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"unexpected error: {OneLine(e.Message)}{(verbose ? "" : " (run with --verbose for details)")}");
            if (verbose) Console.Error.WriteLine(e);
            return ExitCodes.Unexpected;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

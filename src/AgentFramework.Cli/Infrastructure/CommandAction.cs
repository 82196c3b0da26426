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
            DocumentLimitOptions.Read(parse);
            return await body(parse, settings, ct);
        }
        catch (UserInputException e)
        {
            Console.Error.WriteLine($"error: {OneLine(LibraryOptionFlags.Translate(e.Message))}");
            if (verbose && e.InnerException is { } inner) Console.Error.WriteLine(inner);
            return ExitCodes.UserError;
        }
        catch (Exception e) when (UserCaused(e) is { } message)
        {
            Console.Error.WriteLine($"error: {OneLine(message)}");
            if (verbose) Console.Error.WriteLine(e);
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

    /// <summary>
    /// Failures that are the environment's or the input's, not ours: a damaged or read-only SQLite file met after it was
    /// opened (search on a corrupt page), an endpoint that refuses connections. Null for everything else.
    /// </summary>
    private static string? UserCaused(Exception e) => e switch
    {
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 11 } s => $"a SQLite file is damaged ({s.Message}); restore it from a copy or rebuild it (re-ingest into a new --store, or delete the --cache file)",
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 26 } s => $"a file given as a store or cache is not a SQLite database ({s.Message}); check --store / --cache",
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 8 or 14 or 23 } s => $"a SQLite file cannot be written ({s.Message}); check that its folder is writable, or choose another --store / --cache",
        System.Net.Http.HttpRequestException { HttpRequestError: System.Net.Http.HttpRequestError.ConnectionError or System.Net.Http.HttpRequestError.NameResolutionError } h
            => $"cannot reach the endpoint ({h.Message}); check --endpoint and that the server is running",
        _ when e.InnerException is { } inner && e is not UserInputException => UserCaused(inner),
        _ => null,
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

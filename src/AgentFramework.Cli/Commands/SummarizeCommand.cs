using System.CommandLine;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Cli.Reading;
using AgentFramework.Errors;

namespace AgentFramework.Cli.Commands;

/// <summary><c>agentfw summarize PATH</c>: summarise a document or folder with a reading pipeline.</summary>
public static class SummarizeCommand
{
    public static Command Create()
    {
        var path = ReadingOptions.Path();
        var words = new Option<int>("--words") { Description = "Length of the summary in words (default 300)", DefaultValueFactory = _ => 300 };
        var pipeline = ReadingOptions.Pipeline(summarizing: true);
        var prompts = ReadingOptions.Prompts();
        var trace = ReadingOptions.Trace();
        var unitTokens = ReadingOptions.UnitTokens();
        var maxOutputTokens = ReadingOptions.MaxOutputTokens();
        var command = new Command("summarize",
            "Summarise a document or source folder; with no model configured, extractively (TextRank sentences, cited; for " +
            "source code, an outline of folders, files and declarations cited file:line).\n" +
            "Example: agentfw summarize samples/data/moby-dick.txt --words 200");
        command.Arguments.Add(path);
        command.Options.Add(words);
        foreach (var option in ReadingOptions.Shared(pipeline, prompts, trace)) command.Options.Add(option);
        command.Options.Add(unitTokens);
        command.Options.Add(maxOutputTokens);
        CommandAction.Set(command, (parse, settings, ct) =>
        {
            int n = parse.GetValue(words);
            if (n < 10) throw new InvalidOptionException("--words", $"--words {n} is too small: give at least 10");
            var budgets = new ReadingBudgets(UnitTokens: parse.GetValue(unitTokens), MaxOutputTokens: parse.GetValue(maxOutputTokens)).Validate();
            return ReadingCommandRunner.RunAsync(parse,
                new ReadingRequest(parse.GetValue(path)!, parse.GetValue(pipeline), parse.GetValue(prompts), parse.GetValue(trace), null, n, budgets), settings, ct);
        });
        return command;
    }
}

using System.CommandLine;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Cli.Reading;

namespace AgentFramework.Cli.Commands;

/// <summary><c>agentfw ask PATH --question Q</c>: answer a question about a document or folder with a reading pipeline.</summary>
public static class AskCommand
{
    public static Command Create()
    {
        var path = ReadingOptions.Path();
        var question = new Option<string[]>("--question", "-q")
        {
            Description = "The question to answer; repeat -q to answer several over the same document in one run (read, chunked and indexed once)",
            Required = true,
        };
        var pipeline = ReadingOptions.Pipeline();
        var prompts = ReadingOptions.Prompts();
        var trace = ReadingOptions.Trace();
        var store = ReadingOptions.Store();
        var embeddingModel = ReadingOptions.EmbeddingModel();
        var topK = ReadingOptions.TopK();
        var unitTokens = ReadingOptions.UnitTokens();
        var maxOutputTokens = ReadingOptions.MaxOutputTokens();
        var command = new Command("ask",
            "Answer a question about a document or source folder, citing the source spans.\n" +
            "Example: agentfw ask samples/data/moby-dick.txt --question \"Where did Queequeg come from?\" --pipeline extractive\n" +
            "Example: agentfw ask book.txt -q \"Who is Ahab?\" --pipeline retrieve-then-reason --store book.db --top-k 3  (after: agentfw ingest book.txt --store book.db)");
        command.Arguments.Add(path);
        command.Options.Add(question);
        foreach (var option in ReadingOptions.Shared(pipeline, prompts, trace)) command.Options.Add(option);
        foreach (var option in new Option[] { store, embeddingModel, topK, unitTokens, maxOutputTokens }) command.Options.Add(option);
        CommandAction.Set(command, (parse, settings, ct) =>
        {
            var budgets = new ReadingBudgets(parse.GetValue(topK), parse.GetValue(unitTokens), parse.GetValue(maxOutputTokens)).Validate();
            var questions = parse.GetValue(question) ?? [];
            return ReadingCommandRunner.RunAsync(parse,
                new ReadingRequest(parse.GetValue(path)!, parse.GetValue(pipeline), parse.GetValue(prompts), parse.GetValue(trace), questions[0], 300,
                    budgets, parse.GetValue(store), parse.GetValue(embeddingModel)) { MoreQuestions = questions[1..] },
                settings, ct);
        });
        return command;
    }
}

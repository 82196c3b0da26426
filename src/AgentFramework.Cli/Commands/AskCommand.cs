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
        var question = new Option<string>("--question", "-q") { Description = "The question to answer", Required = true };
        var pipeline = ReadingOptions.Pipeline();
        var prompts = ReadingOptions.Prompts();
        var trace = ReadingOptions.Trace();
        var command = new Command("ask",
            "Answer a question about a document or source folder, citing the source spans.\n" +
            "Example: agentfw ask samples/data/moby-dick.txt --question \"Where did Queequeg come from?\" --pipeline extractive");
        command.Arguments.Add(path);
        command.Options.Add(question);
        foreach (var option in ReadingOptions.Shared(pipeline, prompts, trace)) command.Options.Add(option);
        CommandAction.Set(command, (parse, settings, ct) => ReadingCommandRunner.RunAsync(parse,
            new ReadingRequest(parse.GetValue(path)!, parse.GetValue(pipeline), parse.GetValue(prompts), parse.GetValue(trace), parse.GetValue(question)!, 300),
            settings, ct));
        return command;
    }
}

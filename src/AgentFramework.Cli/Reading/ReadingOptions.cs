using System.CommandLine;
using AgentFramework.Agents;

namespace AgentFramework.Cli.Reading;

/// <summary>Options shared by <c>ask</c> and <c>summarize</c>.</summary>
public static class ReadingOptions
{
    public static Argument<string> Path() => new("path") { Description = "File or folder to read (\"-\" for standard input)" };

    public static Option<string?> Pipeline() => new("--pipeline")
    {
        Description = $"Reading pipeline: {string.Join(" | ", PipelineKinds.Names)} (default: chain-of-agents with a model, extractive without)",
    };

    public static Option<string?> Prompts() => new("--prompts")
    {
        Description = "Folder of prompt overrides laid out as <Pipeline>/<Function>/skprompt.txt (+ config.json)",
    };

    public static Option<string?> Trace() => new("--trace") { Description = "Write the whole trace (every call, artefact and counter) as JSON to this file" };

    public static IEnumerable<Option> Shared(Option<string?> pipeline, Option<string?> prompts, Option<string?> trace) => [pipeline, prompts, trace];
}

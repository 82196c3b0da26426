using System.CommandLine;
using System.CommandLine.Parsing;
using AgentFramework.Agents;
using AgentFramework.Agents.ChainOfAgents;
using AgentFramework.Agents.RetrieveThenReason;
using AgentFramework.Cli.Infrastructure;

namespace AgentFramework.Cli.Reading;

/// <summary>Options shared by <c>ask</c> and <c>summarize</c>.</summary>
public static class ReadingOptions
{
    public static Argument<string> Path() => new("path") { Description = "File or folder to read (\"-\" for standard input)" };

    /// <summary>--pipeline, offering only the pipelines that do the command's job (retrieve-then-reason answers, it does not summarise).</summary>
    public static Option<string?> Pipeline(bool summarizing = false) => new PipelineOption(summarizing ? PipelineGoal.Summarize : PipelineGoal.Answer);

    public static Option<string?> Prompts() => new("--prompts")
    {
        Description = "Folder of prompt overrides laid out as <Pipeline>/<Function>/skprompt.txt (+ config.json)",
    };

    public static Option<string?> Trace() => new("--trace") { Description = "Write the whole trace (every call, artefact and counter) as JSON to this file" };

    public static IEnumerable<Option> Shared(Option<string?> pipeline, Option<string?> prompts, Option<string?> trace) => [pipeline, prompts, trace];

    // "--top-k many" reads as one line naming the flag rather than a .NET type name.
    private static int? WholeNumber(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(token, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int value)) return value;
        result.AddError($"{((OptionResult)result.Parent!).Option.Name} '{token}' is not a whole number");
        return null;
    }

    public static Option<string?> Store() => new("--store")
    {
        Description = "retrieve-then-reason (chosen when --pipeline is omitted): search this index built by 'agentfw ingest PATH --store LOCATION' (SQLite file or PostgreSQL connection string) instead of indexing PATH again",
    };

    public static Option<string?> EmbeddingModel() => new("--embedding-model")
    {
        Description = "With --store: the ONNX embedding model folder the store was built with (not needed for the built-in hashing embedding)",
    };

    public static Option<int?> TopK() => new("--top-k")
    {
        CustomParser = WholeNumber,
        Description = $"retrieve-then-reason: chunks retrieved, i.e. extraction calls made (default {new RetrieveThenReasonOptions().TopK})",
    };

    public static Option<int?> UnitTokens() => new("--unit-tokens")
    {
        CustomParser = WholeNumber,
        Description = $"chain-of-agents: token budget of the communication unit each worker writes and the next reads (default {new ChainOfAgentsOptions().UnitTokens})",
    };

    public static Option<int?> MaxOutputTokens() => new("--max-output-tokens")
    {
        CustomParser = WholeNumber,
        Description = $"Model pipelines: tokens reserved for the final answer or summary (default {new ChainOfAgentsOptions().AnswerTokens})",
    };
}

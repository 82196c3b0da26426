using System.CommandLine;
using AgentFramework.Agents;
using AgentFramework.Cli.Infrastructure;

namespace AgentFramework.Cli.Reading;

/// <summary>
/// <c>--pipeline</c> of <c>ask</c> and <c>summarize</c>. Its help lists the registered pipelines (built-ins and a hosting
/// program's) that do <see cref="Goal"/>; finding them builds every pipeline, so that list is made only when help is
/// printed (<see cref="ListRegistered"/>), not on every run (start-up, issue 15).
/// </summary>
internal sealed class PipelineOption : Option<string?>
{
    private const string Defaults = "(all but extractive need --model or --endpoint; default: chain-of-agents with a model, extractive without)";

    public PipelineOption(PipelineGoal goal) : base("--pipeline")
    {
        Goal = goal;
        Description = $"Reading pipeline, by name {Defaults}";
    }

    /// <summary>The job of the command the option belongs to.</summary>
    public PipelineGoal Goal { get; }

    /// <summary>Names the registered pipelines that do <see cref="Goal"/> in the description, for help.</summary>
    public void ListRegistered() => Description = $"Reading pipeline: {string.Join(" | ", PipelineServices.NamesFor(Goal))} {Defaults}";

    /// <summary>Lists the pipelines in every <c>--pipeline</c> under <paramref name="command"/>.</summary>
    public static void ListRegisteredUnder(Command command)
    {
        foreach (var option in command.Options.OfType<PipelineOption>()) option.ListRegistered();
        foreach (var sub in command.Subcommands) ListRegisteredUnder(sub);
    }
}

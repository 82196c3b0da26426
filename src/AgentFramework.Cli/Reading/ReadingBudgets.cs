using AgentFramework.Agents;
using AgentFramework.Agents.MemoryStream;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Errors;

namespace AgentFramework.Cli.Reading;

/// <summary>
/// The budget flags of <c>ask</c> and <c>summarize</c> (--top-k, --unit-tokens, --max-output-tokens); null keeps the
/// library default. Each maps onto <see cref="AgentFrameworkOptions"/> (and the memory-stream options).
/// </summary>
public sealed record ReadingBudgets(int? TopK = null, int? UnitTokens = null, int? MaxOutputTokens = null)
{
    /// <summary>Checks every given value is positive before anything is loaded.</summary>
    public ReadingBudgets Validate()
    {
        RequirePositive("--top-k", TopK);
        RequirePositive("--unit-tokens", UnitTokens);
        RequirePositive("--max-output-tokens", MaxOutputTokens);
        return this;
    }

    /// <summary>A flag the chosen pipeline never reads is a mistake worth saying, not something to ignore silently.</summary>
    public void EnsureAppliesTo(string pipeline)
    {
        if (TopK is not null && pipeline != PipelineNames.RetrieveThenReason)
            throw new InvalidOptionException("--top-k", $"--top-k is read by --pipeline retrieve-then-reason only, not {pipeline}");
        if (UnitTokens is not null && pipeline != PipelineNames.ChainOfAgents)
            throw new InvalidOptionException("--unit-tokens", $"--unit-tokens is read by --pipeline chain-of-agents only, not {pipeline}");
        if (MaxOutputTokens is not null && pipeline == PipelineNames.Extractive)
            throw new InvalidOptionException("--max-output-tokens", "--max-output-tokens applies to model pipelines; the extractive pipeline generates nothing (use --words for a summary's length)");
    }

    public void ApplyTo(AgentFrameworkOptions options)
    {
        if (TopK is { } k) options.RetrieveThenReason.TopK = k;
        if (UnitTokens is { } unit) options.ChainOfAgents.UnitTokens = unit;
        if (MaxOutputTokens is { } answer)
        {
            options.ChainOfAgents.AnswerTokens = answer;
            options.RetrieveThenReason.AnswerTokens = answer;
            options.FullContext.AnswerTokens = answer;
        }
    }

    public void ApplyTo(MemoryStreamOptions options)
    {
        if (MaxOutputTokens is { } answer) options.AnswerOutputTokens = answer;
    }

    private static void RequirePositive(string flag, int? value)
    {
        if (value is < 1 or > NumericLimits.MaxTokens)
            throw new InvalidOptionException(flag, $"{flag} {value} must be a positive number of {(flag == "--top-k" ? "chunks" : "tokens")}, at most {NumericLimits.MaxTokens}");
    }
}

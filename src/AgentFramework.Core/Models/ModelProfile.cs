using AgentFramework.Tokens;

namespace AgentFramework.Models;

/// <summary>
/// What pipelines need to know about the model behind an IChatClient to budget prompts: its id, its context window in
/// tokens and its own token counter. A local model folder fills it from genai_config.json and its tokenizer; an endpoint
/// from options (context length given by the user, cl100k unless told otherwise).
/// </summary>
public sealed record ModelProfile(string ModelId, int ContextLength, ITokenCounter TokenCounter)
{
    /// <summary>The profile used when no model is configured (extractive pipelines, chunking): cl100k, 8k window.</summary>
    public static ModelProfile Default { get; } = new("none", 8192, TokenCounters.Cl100k);

    /// <summary>Counts a whole chat prompt with the model's chat template; null estimates the template's scaffolding.</summary>
    public IPromptTokenCounter? PromptTokenCounter { get; init; }

    /// <summary>The counter every prompt budget uses: <see cref="PromptTokenCounter"/> or the content count plus scaffolding allowances.</summary>
    public IPromptTokenCounter PromptCounter => PromptTokenCounter ?? new ScaffoldingEstimatePromptTokenCounter(TokenCounter);
}

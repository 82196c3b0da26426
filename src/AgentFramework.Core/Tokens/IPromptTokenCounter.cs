using Microsoft.Extensions.AI;

namespace AgentFramework.Tokens;

/// <summary>
/// Counts the tokens of a whole chat prompt as the model will read it: every message's content plus what the model's
/// chat template adds around them (role headers, separators, BOS, the generation prompt). Budgets compare this count,
/// plus the reserved output, with the context window.
/// </summary>
public interface IPromptTokenCounter
{
    /// <summary>Reported in traces, e.g. "llama3 chat template over tokenizer.json" or "cl100k_base + 4/message".</summary>
    string Name { get; }

    int CountPromptTokens(IReadOnlyList<ChatMessage> messages);
}

/// <summary>A prompt counter from a function (e.g. a local model's own chat template and tokenizer).</summary>
public sealed class DelegatePromptTokenCounter(string name, Func<IReadOnlyList<ChatMessage>, int> count) : IPromptTokenCounter
{
    public string Name { get; } = name;

    public int CountPromptTokens(IReadOnlyList<ChatMessage> messages) => count(messages);
}

/// <summary>
/// The count when the chat template is unknown (an endpoint that offers no tokenization): contents with the text
/// counter, plus a fixed allowance per message and per prompt for the template's scaffolding. The allowances follow
/// OpenAI's published count for its chat format (3 per message + 3 for the reply primer), rounded up; a tokenizer that
/// only approximates the model's is wrapped in a <see cref="SafetyMarginTokenCounter"/>.
/// </summary>
public sealed class ScaffoldingEstimatePromptTokenCounter(ITokenCounter counter, int perMessageTokens = 8, int perPromptTokens = 8) : IPromptTokenCounter
{
    public ITokenCounter TextCounter { get; } = counter;

    public string Name => $"{TextCounter.Name} + {perMessageTokens}/message";

    public int CountPromptTokens(IReadOnlyList<ChatMessage> messages)
    {
        int total = perPromptTokens;
        foreach (var message in messages) total += perMessageTokens + TextCounter.CountTokens(message.Text);
        return total;
    }
}

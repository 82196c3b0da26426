using AgentFramework.Tokens;

namespace AgentFramework.Agents.Execution;

/// <summary>Token-bounded text helpers using the model's own counter.</summary>
public static class TokenBudget
{
    /// <summary>Tokens a chat template adds around the rendered messages (role headers, separators); kept in reserve.</summary>
    public const int ChatTemplateReserve = 32;

    /// <summary>The longest prefix of <paramref name="text"/> with at most <paramref name="maxTokens"/> tokens.</summary>
    public static string Truncate(string text, int maxTokens, ITokenCounter counter)
    {
        if (counter.CountTokens(text) <= maxTokens) return text;
        return text[..counter.GetIndexByTokenCount(text, maxTokens, out _)];
    }
}

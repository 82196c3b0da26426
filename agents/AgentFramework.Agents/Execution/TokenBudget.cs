using AgentFramework.Tokens;

namespace AgentFramework.Agents.Execution;

/// <summary>Token-bounded text helpers using the model's own counter.</summary>
public static class TokenBudget
{
    /// <summary>
    /// Slack for where a value meets the template text: a prompt is measured with its variables empty (chat-template
    /// scaffolding included), then values counted alone are added, and a tokenizer may merge or split a few tokens at
    /// each boundary (or count a BOS with each piece). Every sent prompt is still measured whole before the call.
    /// </summary>
    public const int BoundaryReserve = 16;

    /// <summary>Tokens kept for a chunk's source header (document, file list) in a code worker's prompt; longer lists are cut.</summary>
    public const int SourceHeaderTokens = 64;

    /// <summary>The longest prefix of <paramref name="text"/> with at most <paramref name="maxTokens"/> tokens.</summary>
    public static string Truncate(string text, int maxTokens, ITokenCounter counter)
    {
        if (counter.CountTokens(text) <= maxTokens) return text;
        return text[..counter.GetIndexByTokenCount(text, maxTokens, out _)];
    }

    /// <summary>A one-line header cut to <paramref name="maxTokens"/>, saying that it was cut (e.g. a long file list).</summary>
    public static string TruncateHeader(string text, int maxTokens, ITokenCounter counter)
    {
        if (counter.CountTokens(text) <= maxTokens) return text;
        const string Marker = " …(list cut)";
        return Truncate(text, Math.Max(0, maxTokens - counter.CountTokens(Marker) - 2), counter) + Marker;
    }
}

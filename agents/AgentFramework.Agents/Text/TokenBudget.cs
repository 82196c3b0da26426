using AgentFramework.Tokens;

namespace AgentFramework.Agents.Text;

/// <summary>
/// The one budget rule of every pipeline, and the text helpers that follow it: a prompt is rendered as it will be sent
/// (messages and chat-template scaffolding, values empty) and counted with the model's own tokenizer, then
/// <see cref="BoundaryReserve"/> is kept free; values are cut to what is left with the same counter, never by characters.
/// </summary>
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

    /// <summary>The longest prefix of <paramref name="text"/> within <paramref name="maxTokens"/> tokens ("" for no budget).</summary>
    public static string KeepStart(ITokenCounter counter, string text, int maxTokens) =>
        maxTokens <= 0 || text.Length == 0 ? "" : Truncate(text, maxTokens, counter);

    /// <summary>The longest suffix of <paramref name="text"/> within <paramref name="maxTokens"/> tokens (for "the text so far ends with").</summary>
    public static string KeepEnd(ITokenCounter counter, string text, int maxTokens)
    {
        if (maxTokens <= 0 || text.Length == 0) return "";
        if (counter.CountTokens(text) <= maxTokens) return text;
        // Binary search on the start offset: counts are monotone in the suffix length for practical tokenizers.
        int lo = 0, hi = text.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (counter.CountTokens(text.AsSpan(mid)) <= maxTokens) hi = mid; else lo = mid + 1;
        }
        return text[lo..];
    }

    /// <summary>A one-line header cut to <paramref name="maxTokens"/>, saying that it was cut (e.g. a long file list).</summary>
    public static string TruncateHeader(string text, int maxTokens, ITokenCounter counter)
    {
        if (counter.CountTokens(text) <= maxTokens) return text;
        const string Marker = " …(list cut)";
        return Truncate(text, Math.Max(0, maxTokens - counter.CountTokens(Marker) - 2), counter) + Marker;
    }
}

using AgentFramework.Tokens;

namespace AgentFramework.Agents.PlanThenWrite;

/// <summary>Cuts text to a token budget measured with the model's own counter (never by characters).</summary>
public static class TextTrimming
{
    /// <summary>The longest prefix of <paramref name="text"/> within <paramref name="maxTokens"/> tokens.</summary>
    public static string KeepStart(ITokenCounter counter, string text, int maxTokens)
    {
        if (maxTokens <= 0 || text.Length == 0) return "";
        if (counter.CountTokens(text) <= maxTokens) return text;
        int length = counter.GetIndexByTokenCount(text, maxTokens, out _);
        return text[..length];
    }

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
}

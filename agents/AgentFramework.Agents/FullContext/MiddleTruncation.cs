using AgentFramework.Tokens;

namespace AgentFramework.Agents.FullContext;

/// <summary>The text that was kept: the head and tail pieces and their exact token counts (middle empty when it fit).</summary>
public sealed record TruncatedText(string Head, string Tail, int HeadTokens, int TailTokens, int DocumentTokens, int TruncatedTokens)
{
    public bool WasTruncated => TruncatedTokens > 0;

    public string Text => Head + Tail;
}

/// <summary>
/// LongBench's middle truncation: when a text exceeds the budget keep the first ⌊budget/2⌋ tokens and the last
/// budget − ⌊budget/2⌋, cut at token boundaries of the model's own tokenizer.
/// </summary>
public static class MiddleTruncation
{
    /// <param name="knownTokens">The text's token count when the caller already has it (skips one full count).</param>
    public static TruncatedText Apply(string text, int budgetTokens, ITokenCounter counter, int? knownTokens = null)
    {
        int total = knownTokens ?? counter.CountTokens(text);
        if (total <= budgetTokens) return new TruncatedText(text, "", total, 0, total, 0);
        int headBudget = budgetTokens / 2, tailBudget = budgetTokens - headBudget;
        int headEnd = counter.GetIndexByTokenCount(text, headBudget, out int headTokens);
        int tailStart = Math.Max(headEnd, SuffixStart(text, tailBudget, counter));
        string head = text[..headEnd], tail = text[tailStart..];
        int tailTokens = counter.CountTokens(tail);
        int cut = counter.CountTokens(text.AsSpan(headEnd, tailStart - headEnd));
        return new TruncatedText(head, tail, headTokens, tailTokens, total, cut);
    }

    /// <summary>The start of the longest suffix with at most <paramref name="maxTokens"/> tokens (binary search on the start).</summary>
    public static int SuffixStart(string text, int maxTokens, ITokenCounter counter)
    {
        if (maxTokens <= 0) return text.Length;
        // Search a window near the end first: tokens rarely span more than a few dozen characters.
        int window = (int)Math.Min(text.Length, (long)maxTokens * 32);
        int lo = text.Length - window, hi = text.Length;
        if (counter.CountTokens(text.AsSpan(lo)) <= maxTokens)
        {
            if (lo == 0) return 0;
            hi = lo; lo = 0;
        }
        // Invariant: the suffix from hi fits; the suffix from lo does not (or lo is the search floor).
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (counter.CountTokens(text.AsSpan(mid)) <= maxTokens) hi = mid; else lo = mid + 1;
        }
        return hi;
    }
}

using AgentFramework.Tokens;

namespace AgentFramework.Agents.FullContext;

/// <summary>
/// Token counts and middle truncations of the last few texts, keyed by tokenizer (by reference), text (by contents)
/// and budget: ten questions over one document tokenize it once — counting a 30k-token document and searching its
/// cut points costs more than a cached prefill of the kept text. Least recently used first out; thread-safe.
/// </summary>
internal static class TruncationMemo
{
    private const int Capacity = 8;
    private static readonly LinkedList<(ITokenCounter Counter, string Text, int Budget, TruncatedText? Kept, int Tokens)> Entries = new();
    private static readonly Lock Gate = new();

    /// <summary>The text's token count; <c>Budget = -1</c> entries hold counts alone.</summary>
    public static int CountTokens(string text, ITokenCounter counter)
    {
        var hit = Find(counter, text, budget: null);
        if (hit is not null) return hit.Value.Tokens;
        int tokens = counter.CountTokens(text);
        Remember(counter, text, -1, null, tokens);
        return tokens;
    }

    public static TruncatedText Apply(string text, int budgetTokens, ITokenCounter counter)
    {
        if (Find(counter, text, budgetTokens) is { Kept: { } kept }) return kept;
        var result = MiddleTruncation.Apply(text, budgetTokens, counter, CountTokens(text, counter));
        Remember(counter, text, budgetTokens, result, result.DocumentTokens);
        return result;
    }

    // budget null: any entry of this text (for its count); otherwise the entry of exactly that budget.
    private static (TruncatedText? Kept, int Tokens)? Find(ITokenCounter counter, string text, int? budget)
    {
        lock (Gate)
            for (var node = Entries.First; node is not null; node = node.Next)
            {
                var e = node.Value;
                if (!ReferenceEquals(e.Counter, counter) || (budget is { } b && e.Budget != b) || e.Text.Length != text.Length
                    || !string.Equals(e.Text, text, StringComparison.Ordinal)) continue;
                Entries.Remove(node);
                Entries.AddFirst(node);
                return (e.Kept, e.Tokens);
            }
        return null;
    }

    private static void Remember(ITokenCounter counter, string text, int budget, TruncatedText? kept, int tokens)
    {
        lock (Gate)
        {
            Entries.AddFirst((counter, text, budget, kept, tokens));
            while (Entries.Count > Capacity) Entries.RemoveLast();
        }
    }
}

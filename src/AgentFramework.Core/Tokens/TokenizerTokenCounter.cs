using Microsoft.ML.Tokenizers;

namespace AgentFramework.Tokens;

/// <summary>An <see cref="ITokenCounter"/> over any Microsoft.ML.Tokenizers tokenizer (a model's own, or cl100k).</summary>
public sealed class TokenizerTokenCounter(Tokenizer tokenizer, string name) : ITokenCounter
{
    public string Name { get; } = name;

    public Tokenizer Tokenizer { get; } = tokenizer;

    public int CountTokens(ReadOnlySpan<char> text) => text.IsEmpty ? 0 : Tokenizer.CountTokens(text);

    public int GetIndexByTokenCount(ReadOnlySpan<char> text, int maxTokens, out int tokenCount)
    {
        if (text.IsEmpty || maxTokens <= 0) { tokenCount = 0; return 0; }
        int index = Tokenizer.GetIndexByTokenCount(text, maxTokens, out string? normalized, out tokenCount);
        // Tokenizers that normalise (e.g. SentencePiece's space marker) report an index into the normalised text;
        // only trust indices into the original.
        if (normalized is not null && normalized.Length != text.Length)
            index = FallbackPrefix(text, maxTokens, out tokenCount);
        return index;
    }

    // Binary search over prefix lengths: correct for any tokenizer, used only when the fast path cannot be trusted.
    private int FallbackPrefix(ReadOnlySpan<char> text, int maxTokens, out int tokenCount)
    {
        int lo = 0, hi = text.Length, best = 0, bestCount = 0;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            int count = CountTokens(text[..mid]);
            if (count <= maxTokens) { best = mid; bestCount = count; lo = mid + 1; } else hi = mid - 1;
        }
        tokenCount = bestCount;
        return best;
    }
}

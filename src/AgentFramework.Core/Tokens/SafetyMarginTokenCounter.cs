namespace AgentFramework.Tokens;

/// <summary>
/// A stand-in tokenizer with a safety margin: counts are the inner counter's raised by <see cref="Margin"/> (rounded up),
/// and prefixes are cut to fit the raised count. Used when a server's own tokenizer is unknown, so every budget (chunk
/// sizes, truncation, prompt checks) keeps the same margin consistently, not just the final prompt count.
/// </summary>
public sealed class SafetyMarginTokenCounter(ITokenCounter inner, double margin) : ITokenCounter
{
    public ITokenCounter Inner { get; } = inner;

    /// <summary>Fraction added to every count (0.15 = 15%).</summary>
    public double Margin { get; } = margin;

    public string Name => $"{Inner.Name} + {Margin:P0} margin";

    public int CountTokens(ReadOnlySpan<char> text) => Raise(Inner.CountTokens(text));

    public int GetIndexByTokenCount(ReadOnlySpan<char> text, int maxTokens, out int tokenCount)
    {
        int innerMax = (int)Math.Floor(maxTokens / (1 + Margin));
        int index = Inner.GetIndexByTokenCount(text, innerMax, out int innerCount);
        tokenCount = Raise(innerCount);
        return index;
    }

    private int Raise(int count) => count == 0 ? 0 : (int)Math.Ceiling(count * (1 + Margin));
}

using System.Runtime.CompilerServices;
using Microsoft.ML.Tokenizers;

namespace AgentFramework.Onnx.Tokenization;

/// <summary>
/// A lower bound on the number of tokens a text encodes to, found without tokenising it. Give each character c the
/// weight 1/L(c), where L(c) is the length of the longest vocabulary piece or added token containing c. A token that
/// covers k such characters is at least k long, so their weights add up to at most 1: the weights of the whole text
/// add up to at most its token count. Whitespace weighs nothing (an added token with lstrip/rstrip swallows any run of
/// it), and so do characters that are not pieces by themselves (consecutive unknowns may fuse into one token) and, for
/// byte-level vocabularies, everything but printable ASCII (whose bytes are spelled as themselves). It lets a prompt
/// that cannot fit the context window be refused in milliseconds instead of after seconds and hundreds of MB of
/// tokenising. Long pieces of punctuation runs ("-----") weaken the bound only for those characters.
/// </summary>
public static class TokenCountBound
{
    /// <summary>At least this many tokens (0 when the tokenizer's vocabulary cannot be inspected).</summary>
    public static long AtLeast(ModelTokenizer tokenizer, ReadOnlySpan<char> text)
    {
        var weights = Cache.GetValue(tokenizer, Weigh);
        if (weights is null) return 0;
        double sum = 0;
        foreach (var c in text) sum += weights[c];
        // Rounded down, less a margin over float rounding of the weights (relative error < 1e-7 each): a bound
        // must never exceed the real count.
        return (long)Math.Floor(sum * (1 - 1e-6));
    }

    private static readonly ConditionalWeakTable<ModelTokenizer, float[]?> Cache = new();

    private static float[]? Weigh(ModelTokenizer tokenizer)
    {
        IReadOnlyDictionary<string, int>? vocabulary = tokenizer.Inner switch
        {
            CodeGenTokenizer codeGen => codeGen.Vocabulary,
            SentencePieceTokenizer spm => spm.Vocabulary,
            _ => null,
        };
        if (vocabulary is null || vocabulary.Count == 0) return null;
        var longest = new int[char.MaxValue + 1];
        void Measure(string piece)
        {
            foreach (var c in piece) longest[c] = Math.Max(longest[c], piece.Length);
        }
        foreach (var piece in vocabulary.Keys) Measure(piece);
        foreach (var added in tokenizer.AddedTokens.Concat(tokenizer.WhitespaceTokens)) Measure(added.Content);

        bool byteLevel = tokenizer.Inner is CodeGenTokenizer;
        var known = new bool[char.MaxValue + 1];
        if (byteLevel) for (char c = '!'; c <= '~'; c++) known[c] = true;
        else foreach (var piece in vocabulary.Keys) if (piece.Length == 1) known[piece[0]] = true;

        var weights = new float[char.MaxValue + 1];
        for (int c = 0; c <= char.MaxValue; c++)
            if (known[c] && longest[c] > 0 && !char.IsWhiteSpace((char)c) && !char.IsSurrogate((char)c))
                weights[c] = 1f / longest[c];
        return weights;
    }
}

using AgentFramework.Tokens;
using Microsoft.ML.Tokenizers;

namespace AgentFramework.Chunking;

/// <summary>
/// Places where a tokenizer's count splits exactly: count(a + b) == count(a) + count(b) when a ends at a seam and b
/// starts there. True for tiktoken-style byte-level BPE, whose pre-tokenizer patterns (cl100k, o200k and the GPT-2
/// family) only look ahead and never let a pre-token end with a space, and whose BPE never merges across
/// pre-tokens. Two kinds of seam:
/// <list type="bullet">
/// <item>before a space that follows a non-space ("whale| Call", "ago.| Never"): no pre-token ends with a space, so
/// the one before ends there, in the whole text and in the cut-off part alike;</item>
/// <item>for cl100k, after a newline not followed by another in the same whitespace run ("ago.\n|Call",
/// "ground.\n|  10 And"): the newline ends its pre-token (<c>\s*[\r\n]</c>, <c>[\r\n]*</c>), and no pre-token
/// starts with a newline. Not in the GPT-2 family, where <c>\s+(?!\S)</c> splits a run of newlines differently when
/// it ends the text.</item>
/// </list>
/// The equivalence tests check the chunks against tokenising every chunk (Moby Dick, KJV, SOTU, nasty text).
/// </summary>
internal sealed class TokenSeams
{
    private readonly bool _newlines;

    private TokenSeams(bool newlines) => _newlines = newlines;

    /// <summary>The seams of <paramref name="counter"/>, or null when it is not known to split exactly anywhere.</summary>
    public static TokenSeams? For(ITokenCounter counter) =>
        // The default cl100k counter defers loading its vocabulary; chunking is about to count, so it loads here.
        TokenCounters.Unwrap(counter) is TokenizerTokenCounter { Tokenizer: TiktokenTokenizer } t ? new TokenSeams(t.Name == "cl100k_base") : null;

    /// <summary>A seam at <paramref name="i"/>, strictly inside [start, end) so both sides are non-empty.</summary>
    public bool IsSeam(string text, int i, int start, int end)
    {
        if (i <= start || i >= end) return false;
        char before = text[i - 1];
        if (text[i] == ' ' && !char.IsWhiteSpace(before)) return true;
        return _newlines && before == '\n' && !NewlineAhead(text, i);
    }

    // Whether the whitespace run starting at i holds a line break: "\s*[\r\n]" would then reach past i.
    private static bool NewlineAhead(string text, int i)
    {
        for (; i < text.Length && char.IsWhiteSpace(text[i]); i++)
            if (text[i] is '\n' or '\r') return true;
        return false;
    }

    /// <summary>A seam at a unit boundary <paramref name="i"/> of the whole text (the text's ends included).</summary>
    public bool IsSeamAt(string text, int i) => i == 0 || i == text.Length || IsSeam(text, i, i - 1, i + 1);

    /// <summary>The first seam in (start, end), or -1.</summary>
    public int First(string text, int start, int end)
    {
        for (int i = start + 1; i < end; i++)
            if (IsSeam(text, i, start, end)) return i;
        return -1;
    }

    /// <summary>The last seam in (start, end), or -1.</summary>
    public int Last(string text, int start, int end)
    {
        for (int i = end - 1; i > start; i--)
            if (IsSeam(text, i, start, end)) return i;
        return -1;
    }
}

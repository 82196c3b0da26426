using AgentFramework.Tokens;
using Microsoft.ML.Tokenizers;

namespace AgentFramework.Chunking;

/// <summary>
/// Places where a tokenizer's count splits exactly: count(a + b) == count(a) + count(b) when a ends at such a seam
/// and b starts there. For tiktoken-style byte-level BPE (cl100k, o200k, p50k, r50k; the GPT-2 family of
/// pre-tokenizer patterns) a space between two letters is one: a letter run always ends its pre-token, the space opens
/// the next word's pre-token (" word"), pre-tokenisation only looks ahead, and BPE never merges across pre-tokens.
/// Letters are single UTF-16 letters (no marks, no surrogates), so the rule stays on the safe side.
/// </summary>
internal static class WordSeams
{
    /// <summary>Whether <paramref name="counter"/> is known to split exactly at word seams.</summary>
    public static bool Apply(ITokenCounter counter) => counter is TokenizerTokenCounter { Tokenizer: TiktokenTokenizer };

    /// <summary>A seam at <paramref name="i"/> with both of its neighbours inside [start, end).</summary>
    public static bool IsSeam(string text, int i, int start, int end) =>
        i - 1 >= start && i + 1 < end && text[i] == ' ' && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]);

    /// <summary>The first seam in [start, end), or -1.</summary>
    public static int First(string text, int start, int end)
    {
        for (int i = start + 1; i + 1 < end; i++)
        {
            // Jump from space to space: a seam is a space.
            int space = text.IndexOf(' ', i, end - 1 - i);
            if (space < 0) return -1;
            if (IsSeam(text, space, start, end)) return space;
            i = space;
        }
        return -1;
    }

    /// <summary>The last seam in [start, end), or -1.</summary>
    public static int Last(string text, int start, int end)
    {
        for (int i = end - 2; i > start; i--)
        {
            int space = text.LastIndexOf(' ', i, i - start);
            if (space <= start) return -1;
            if (IsSeam(text, space, start, end)) return space;
            i = space;
        }
        return -1;
    }
}

namespace AgentFramework.Retrieval;

/// <summary>Splits text into lower-cased words (runs of letters and digits); shared by the hashing embedding and query builders.</summary>
internal static class WordTokenizer
{
    public static IEnumerable<string> Words(string text)
    {
        int i = 0;
        while (NextWord(text, ref i, out int start)) yield return text.Substring(start, i - start).ToLowerInvariant();
    }

    /// <summary>
    /// The next word at or after <paramref name="i"/> without allocating: true with the word at
    /// [<paramref name="start"/>, <paramref name="i"/>) (not yet lower-cased), false at the end of the text.
    /// </summary>
    public static bool NextWord(string text, ref int i, out int start)
    {
        while (i < text.Length)
        {
            while (i < text.Length && !IsWordChar(text[i])) i++;
            start = i;
            while (i < text.Length && (IsWordChar(text[i]) || IsInnerJoiner(text[i]))) i++;
            if (i > start) return true;
        }
        start = i;
        return false;
    }

    // ASCII is decided here: a call into the framework per character is most of the cost of splitting a document when
    // the code is precompiled (ReadyToRun does not inline across assemblies). Same answers as char.IsLetterOrDigit.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar(char c) =>
        c < 0x80 ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 : char.IsLetterOrDigit(c);

    // Marks such as combining accents belong to the word they decorate (none is ASCII).
    private static bool IsInnerJoiner(char c) =>
        c >= 0x80 && char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;
}

namespace AgentFramework.Retrieval;

/// <summary>Splits text into lower-cased words (runs of letters and digits); shared by the hashing embedding and query builders.</summary>
internal static class WordTokenizer
{
    public static IEnumerable<string> Words(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i])) i++;
            int start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || IsInnerJoiner(text, i))) i++;
            if (i > start) yield return text.Substring(start, i - start).ToLowerInvariant();
        }
    }

    // Marks such as combining accents belong to the word they decorate.
    private static bool IsInnerJoiner(string text, int i) =>
        char.GetUnicodeCategory(text[i]) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;
}

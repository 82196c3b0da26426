namespace AgentFramework.Agents.Text;

/// <summary>A sentence: its exact span in the text.</summary>
public readonly record struct SentenceSpan(int Start, int End);

/// <summary>
/// Splits prose into sentences by terminal punctuation (. ! ?, with closing quotes or brackets) followed by whitespace,
/// and at paragraph breaks. Spans exclude surrounding whitespace, so <c>text[Start..End]</c> is the sentence itself.
/// </summary>
internal static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    { "mr", "mrs", "ms", "dr", "st", "vs", "etc", "e.g", "i.e", "no", "vol", "fig", "jr", "sr", "capt", "prof" };

    public static IReadOnlyList<SentenceSpan> Split(string text, int start = 0, int end = -1)
    {
        if (end < 0) end = text.Length;
        var result = new List<SentenceSpan>();
        int sentenceStart = start;
        for (int i = start; i < end; i++)
        {
            char c = text[i];
            bool boundary = false;
            int next = i + 1;
            if (c is '.' or '!' or '?')
            {
                while (next < end && text[next] is '"' or '\'' or ')' or ']' or '’' or '”' or '.' or '!' or '?') next++;
                boundary = (next >= end || char.IsWhiteSpace(text[next])) && !(c == '.' && IsAbbreviation(text, sentenceStart, i))
                    && !ContinuesInLowerCase(text, next, end);
            }
            else if (c == '\n' && next < end && IsBlankLineAhead(text, next, end)) boundary = true;
            if (!boundary) continue;
            Add(text, sentenceStart, next, result);
            sentenceStart = next;
            i = next - 1;
        }
        Add(text, sentenceStart, end, result);
        return result;
    }

    // "…capsize?” said Flask": a quotation ending in ? or ! that the sentence goes on after.
    private static bool ContinuesInLowerCase(string text, int from, int end)
    {
        int j = from;
        while (j < end && text[j] is ' ' or '\t') j++;
        return j < end && char.IsLower(text[j]);
    }

    private static bool IsBlankLineAhead(string text, int from, int end)
    {
        for (int j = from; j < end && text[j] != '\n'; j++) if (!char.IsWhiteSpace(text[j])) return false;
        return true;
    }

    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        int wordStart = dot;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1])) wordStart--;
        var word = text.AsSpan(wordStart, dot - wordStart).TrimStart("\"'(‘“");
        return word.Length == 1 && char.IsUpper(word[0]) || Abbreviations.Contains(word.ToString());
    }

    private static void Add(string text, int start, int end, List<SentenceSpan> result)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) result.Add(new SentenceSpan(start, end));
    }
}

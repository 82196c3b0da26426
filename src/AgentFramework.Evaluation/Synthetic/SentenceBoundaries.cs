namespace AgentFramework.Evaluation.Synthetic;

/// <summary>
/// Sentence starts in filler text, the places a needle may go. Whitespace is first collapsed to single spaces as RULER
/// does with its essay haystack (<c>re.sub(r'\s+', " ", essay)</c>, hsiehjackson/RULER niah.py @56f7e8e), so a line
/// break in a hard-wrapped essay is not a sentence start. A sentence starts after '.', '!' or '?' (and any closing
/// quote or bracket), a space, and an upper-case letter, digit or opening quote, unless the word before the stop is a
/// common abbreviation or a single initial (the cases NLTK's Punkt, which RULER uses, also declines to split).
/// </summary>
internal static class SentenceBoundaries
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "inc", "co", "corp", "ltd", "no", "vol",
        "fig", "approx", "dept", "est", "gen", "gov", "mt", "u.s", "u.k", "a.m", "p.m", "cf", "al",
    };

    /// <summary>The text with every run of whitespace replaced by one space, trimmed.</summary>
    public static string CollapseWhitespace(string text) => AgentFramework.Agents.Text.Whitespace.Collapse(text).Trim(' ');

    /// <summary>Character offsets where sentences start in whitespace-collapsed text, always including 0 for non-empty text.</summary>
    public static IReadOnlyList<int> Starts(string text)
    {
        var starts = new List<int>();
        if (text.Length == 0) return starts;
        starts.Add(0);
        for (int i = 2; i < text.Length; i++)
            if (text[i - 1] == ' ' && IsStart(text, i)) starts.Add(i);
        return starts;
    }

    /// <summary>Whether a sentence starts at <paramref name="index"/>: the text start, or after a sentence end and one space.</summary>
    public static bool IsStart(string text, int index)
    {
        if (index == 0) return true;
        if (index < 2 || index >= text.Length || text[index - 1] != ' ') return false;
        if (!OpensSentence(text, index)) return false;
        int end = index - 2;
        while (end >= 0 && IsClosing(text[end])) end--;
        if (end < 0 || text[end] is not ('.' or '!' or '?')) return false;
        if (text[end] != '.') return true;
        int wordStart = end;
        while (wordStart > 0 && text[wordStart - 1] != ' ') wordStart--;
        var word = text.AsSpan(wordStart, end - wordStart).TrimStart("\"'“‘([");
        if (word.Length == 1 && char.IsLetter(word[0])) return false; // an initial: "J. Smith"
        return !Abbreviations.Contains(word.ToString());
    }

    /// <summary>Whether the text ends a sentence (so what follows a space after it starts one).</summary>
    public static bool EndsSentence(string text)
    {
        int end = text.Length - 1;
        while (end >= 0 && IsClosing(text[end])) end--;
        return end >= 0 && text[end] is '.' or '!' or '?';
    }

    private static bool OpensSentence(string text, int index)
    {
        int i = index;
        while (i < text.Length && text[i] is '"' or '\'' or '“' or '‘' or '(' or '[') i++;
        return i < text.Length && (char.IsUpper(text[i]) || char.IsDigit(text[i]));
    }

    private static bool IsClosing(char c) => c is '"' or '\'' or '”' or '’' or ')' or ']';
}

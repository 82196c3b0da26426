namespace AgentFramework.Agents.Text;

/// <summary>Whitespace runs of a quoted sentence folded to one space, for one-line output.</summary>
public static class Whitespace
{
    /// <summary>
    /// Each run of white space (<see cref="char.IsWhiteSpace(char)"/>, which is what regex <c>\s</c> matches) becomes one
    /// space: the same text as <c>Regex.Replace(text, @"\s+", " ")</c> without loading the regex engine at start-up (issue 15).
    /// </summary>
    public static string Collapse(string text)
    {
        int first = IndexOfRunToFold(text, 0);
        if (first < 0) return text;
        var folded = new System.Text.StringBuilder(text.Length);
        folded.Append(text, 0, first);
        bool inRun = false;
        for (int i = first; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                if (!inRun) folded.Append(' ');
                inRun = true;
            }
            else
            {
                folded.Append(text[i]);
                inRun = false;
            }
        }
        return folded.ToString();
    }

    // The first run that is not already a single plain space; -1 when the text needs no change.
    private static int IndexOfRunToFold(string text, int from)
    {
        for (int i = from; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i])) continue;
            if (text[i] != ' ' || (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))) return i;
        }
        return -1;
    }
}

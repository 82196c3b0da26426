using System.Text;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// LongWriter's word count and length score, ported from THUDM/LongWriter @ 3fcfdff evaluation/pred.py
/// <c>count_words</c> (CJK characters U+4E00–U+9FFF plus <c>\b[a-zA-Z]+\b</c> matches, with Python's \b: "state_of_the_art"
/// is no word, since '_' is a word character) and evaluation/eval_length.py <c>score</c> (S_l on 0–100).
/// </summary>
internal static class LongWriterWords
{
    public static int Count(string text)
    {
        int count = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c is >= '\u4e00' and <= '\u9fff') { count++; i++; continue; }
            if (IsAsciiLetter(c) && PythonText.IsWordBoundary(text, i))
            {
                int end = i;
                while (end < text.Length && IsAsciiLetter(text[end])) end++;
                // re.findall moves on after a failed start; a later start inside the run has no \b before it.
                if (PythonText.IsWordBoundary(text, end)) count++;
                i = end;
                continue;
            }
            i++;
        }
        return count;
    }

    /// <summary>eval_length.py score(x = required, y = produced); null where Python divides by zero (nothing produced).</summary>
    public static double? Score(int required, int produced)
    {
        if (required == 0) return null;
        if (produced > required) return 100 * Math.Max(0, 1.0 - ((double)produced / required - 1) / 3);
        if (produced == 0) return null;
        return 100 * Math.Max(0, 1.0 - ((double)required / produced - 1) / 2);
    }

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
}

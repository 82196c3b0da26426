using System.Text;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// L-Eval's rule for the final number of a math answer, ported from OpenLMLab/LEval @ cd34b05 Evaluation/auto_eval.py
/// <c>process_math</c>; L-Eval applies it to the gold and the prediction alike:
/// <list type="number">
/// <item>if "The answer is X" occurs (X = the following run of non-whitespace, Python's <c>\S+</c>), the first X is the
/// answer;</item>
/// <item>otherwise, within the text before the first "\n\n", the last ' '-separated piece containing a digit;</item>
/// <item>the answer is reduced to its digits (Python's isdigit), stopping at the first '.': "$1,200.50" → "1200".</item>
/// </list>
/// No digit gives "".
/// </summary>
internal static class MathAnswerExtractor
{
    private const string Cue = "The answer is ";

    public static string Extract(string text)
    {
        string candidate = StatedAnswer(text) ?? LastPieceWithDigit(text);
        var digits = new StringBuilder();
        foreach (var rune in candidate.EnumerateRunes())
        {
            if (PythonFloat.IsDigit(rune)) digits.Append(rune.ToString());
            if (rune.Value == '.') break;
        }
        return digits.ToString();
    }

    // re.search(r'The answer is (\S+)'): the first cue followed by at least one non-whitespace character.
    private static string? StatedAnswer(string text)
    {
        for (int at = text.IndexOf(Cue, StringComparison.Ordinal); at >= 0; at = text.IndexOf(Cue, at + 1, StringComparison.Ordinal))
        {
            int start = at + Cue.Length, end = start;
            while (end < text.Length && !PythonText.IsSpace(text[end])) end++;
            if (end > start) return text[start..end];
        }
        return null;
    }

    private static string LastPieceWithDigit(string text)
    {
        int blank = text.IndexOf("\n\n", StringComparison.Ordinal);
        var firstBlock = blank >= 0 ? text[..blank] : text;
        var pieces = firstBlock.Split(' ');
        for (int i = pieces.Length - 1; i >= 0; i--)
            foreach (var rune in pieces[i].EnumerateRunes())
                if (PythonFloat.IsDigit(rune)) return pieces[i];
        return "";
    }
}

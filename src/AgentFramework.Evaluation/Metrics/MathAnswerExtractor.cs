using System.Text;
using System.Text.RegularExpressions;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// L-Eval's rule for the final number of a math answer (process_math in its Evaluation/auto_eval.py), re-implemented;
/// L-Eval applies it to the gold and the prediction alike:
/// <list type="number">
/// <item>if "The answer is X" occurs (case-sensitive, X = the following non-space run), the first such X is the answer;</item>
/// <item>otherwise, within the text before the first blank line ("\n\n"), the last space-separated piece that contains a
/// digit is the answer;</item>
/// <item>the answer is reduced to its digits, stopping at the first '.': "$1,200.50" → "1200", "-3" → "3".</item>
/// </list>
/// No digit gives "". (Python's isdigit also accepts superscript digits; we accept decimal digits only.)
/// </summary>
public static partial class MathAnswerExtractor
{
    [GeneratedRegex(@"The answer is (\S+)")]
    private static partial Regex AnswerIs();

    public static string Extract(string text)
    {
        var stated = AnswerIs().Match(text);
        string candidate = stated.Success ? stated.Groups[1].Value : LastPieceWithDigit(text);
        var digits = new StringBuilder();
        foreach (var c in candidate)
        {
            if (char.IsDigit(c)) digits.Append(c);
            if (c == '.') break;
        }
        return digits.ToString();
    }

    private static string LastPieceWithDigit(string text)
    {
        int blank = text.IndexOf("\n\n", StringComparison.Ordinal);
        var firstBlock = blank >= 0 ? text[..blank] : text;
        var pieces = firstBlock.Split(' ');
        for (int i = pieces.Length - 1; i >= 0; i--)
            if (pieces[i].Any(char.IsDigit)) return pieces[i];
        return "";
    }
}

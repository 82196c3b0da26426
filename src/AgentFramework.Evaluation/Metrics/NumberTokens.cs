using System.Text.RegularExpressions;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>Runs of digits in a text, as Python's <c>re.findall(r"\d+", text)</c> finds them (Unicode digits included).</summary>
internal static partial class NumberTokens
{
    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    public static IReadOnlyList<string> All(string text) => Digits().Matches(text).Select(m => m.Value).ToList();

    /// <summary>
    /// LongBench's count/retrieval rule: the fraction of digit runs in the prediction that equal <paramref name="expected"/>
    /// as strings (so "05" is not "5"); a prediction without digits scores 0.
    /// </summary>
    public static double FractionEqualTo(string prediction, string expected)
    {
        var numbers = All(prediction);
        return numbers.Count == 0 ? 0 : (double)numbers.Count(n => n == expected) / numbers.Count;
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// Python's <c>float(str)</c> and <c>str.isdigit()</c>, as L-Eval's scorers rely on them: float() strips Python
/// whitespace, accepts any Unicode decimal digit, '_' between digits, exponents, inf/nan; isdigit() also accepts
/// digit-like numbers such as superscripts (Numeric_Type=Digit).
/// </summary>
internal static partial class PythonFloat
{
    [GeneratedRegex(@"^[+-]?(?:(?:[0-9](?:_?[0-9])*)(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$")]
    private static partial Regex Number();

    [GeneratedRegex(@"^[+-]?(?:inf|infinity|nan)$", RegexOptions.IgnoreCase)]
    private static partial Regex Special();

    /// <summary>float(text), or null where Python raises ValueError.</summary>
    public static double? Parse(string text)
    {
        var stripped = PythonText.Strip(text);
        var ascii = new StringBuilder(stripped.Length);
        foreach (var rune in stripped.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber) ascii.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
            else ascii.Append(rune.ToString());
        }
        var candidate = ascii.ToString();
        if (Special().IsMatch(candidate))
        {
            bool negative = candidate[0] == '-';
            if (candidate.TrimStart('+', '-').StartsWith("n", StringComparison.OrdinalIgnoreCase)) return double.NaN;
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }
        if (!Number().IsMatch(candidate)) return null;
        return double.Parse(candidate.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>str.isdigit() for one code point: decimal digits and digit-valued numbers (superscripts, circled digits).</summary>
    public static bool IsDigit(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category == UnicodeCategory.DecimalDigitNumber) return true;
        if (category != UnicodeCategory.OtherNumber) return false;
        double value = Rune.GetNumericValue(rune);
        return value is >= 0 and <= 9 && value == Math.Floor(value);
    }
}

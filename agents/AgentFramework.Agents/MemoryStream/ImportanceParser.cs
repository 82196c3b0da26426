using System.Text.RegularExpressions;

namespace AgentFramework.Agents.MemoryStream;

/// <summary>
/// Reads a 1–10 importance rating out of whatever the model answered: "7", "Importance: 8/10", "**9** — major
/// plot point", "I'd say six". A labelled number wins over a bare one; numbers outside 1–10 and "x/10" denominators are
/// ignored; an answer with no usable rating gives the default.
/// </summary>
internal static partial class ImportanceParser
{
    private static readonly string[] NumberWords = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    public static int Parse(string? answer, int defaultImportance = 5) =>
        TryParse(answer, out var importance) ? importance : defaultImportance;

    public static bool TryParse(string? answer, out int importance)
    {
        importance = 0;
        if (string.IsNullOrWhiteSpace(answer)) return false;
        var labelled = Labelled().Match(answer);
        if (labelled.Success && TryRating(labelled.Groups["n"].Value, out importance)) return true;
        foreach (Match m in BareNumber().Matches(answer))
            if (TryRating(m.Groups["n"].Value, out importance)) return true;
        foreach (Match m in Word().Matches(answer))
        {
            int index = Array.IndexOf(NumberWords, m.Value.ToLowerInvariant());
            if (index >= 0) { importance = index + 1; return true; }
        }
        return false;
    }

    private static bool TryRating(string text, out int rating)
    {
        rating = 0;
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)) return false;
        rating = (int)Math.Round(value, MidpointRounding.AwayFromZero);
        return rating is >= 1 and <= 10;
    }

    [GeneratedRegex(@"(?:importance|rating|score|poignancy)\W{0,6}(?<n>\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex Labelled();

    // A number not followed by more digits or preceded by a slash (so the "10" of "8/10" is skipped).
    [GeneratedRegex(@"(?<![\d/.])(?<n>\d+(?:\.\d+)?)(?!\d)")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"\b[a-zA-Z]+\b")]
    private static partial Regex Word();
}

using System.Text.RegularExpressions;

namespace AgentFramework.Agents.MemoryStream;

/// <summary>One insight of a reflection and the 1-based numbers of the notes it says it rests on.</summary>
public sealed record Insight(string Text, IReadOnlyList<int> SourceNumbers);

/// <summary>
/// Parses a reflection: one insight per line (numbering, bullets and markdown stripped), each ending with the numbers of
/// the notes it comes from — "[1, 3]", "(because of 2 and 4)", "(notes 1,2)". Numbers outside 1..noteCount are dropped;
/// an insight that names no valid note is taken to rest on all the notes it was shown.
/// </summary>
internal static partial class ReflectionParser
{
    public static IReadOnlyList<Insight> Parse(string? answer, int noteCount, int maxInsights)
    {
        var insights = new List<Insight>();
        foreach (var rawLine in (answer ?? "").Split('\n'))
        {
            var line = LinePrefix().Replace(rawLine.Trim(), "").Trim();
            if (line.Length == 0 || IsHeading(line)) continue;
            var numbers = new SortedSet<int>();
            foreach (Match reference in Reference().Matches(line))
                foreach (Match digit in Number().Matches(reference.Groups["refs"].Value))
                    if (int.TryParse(digit.Value, out var n) && n >= 1 && n <= noteCount) numbers.Add(n);
            var text = Reference().Replace(line, "").Trim().TrimEnd(',', ';').Trim().Trim('*').Trim();
            if (!text.Any(char.IsLetter)) continue;
            insights.Add(new Insight(text, numbers.Count > 0 ? numbers.ToList() : Enumerable.Range(1, noteCount).ToList()));
            if (insights.Count >= maxInsights) break;
        }
        return insights;
    }

    // A lead-in ("Here are three insights drawn from the notes:") introduces insights; it is not one.
    private static bool IsHeading(string line) => line.TrimEnd('*', ' ').EndsWith(':');

    [GeneratedRegex(@"^(?:[-*•>]+|\d+[.)]|#+|insight\s*\d*\s*[:.)-])\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LinePrefix();

    [GeneratedRegex(@"[\[(](?:\s*(?:because of|based on|from|sources?|notes?|see)\s*:?)?\s*(?<refs>\d+(?:\s*(?:,|and|&)\s*\d+)*)\s*[\])]", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}

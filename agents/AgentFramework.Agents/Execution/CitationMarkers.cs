using System.Text.RegularExpressions;

namespace AgentFramework.Agents.Execution;

/// <summary>Finds citation labels such as [C3], [C1, C4] or [P2] in model output, in order of first mention.</summary>
public static partial class CitationMarkers
{
    public static IReadOnlyList<int> Find(string text, char prefix)
    {
        var seen = new List<int>();
        foreach (Match bracket in Bracket().Matches(text))
            foreach (Match label in Label().Matches(bracket.Groups[1].Value))
                if (char.ToUpperInvariant(label.Groups[1].Value[0]) == prefix && int.TryParse(label.Groups[2].Value, out int n) && !seen.Contains(n))
                    seen.Add(n);
        return seen;
    }

    [GeneratedRegex(@"\[([^\[\]\n]{1,60})\]")]
    private static partial Regex Bracket();

    [GeneratedRegex(@"\b([A-Za-z])(\d{1,5})\b")]
    private static partial Regex Label();
}

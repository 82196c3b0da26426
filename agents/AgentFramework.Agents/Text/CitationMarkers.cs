using System.Text.RegularExpressions;

namespace AgentFramework.Agents.Text;

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

    /// <summary>Every bracket that holds at least one label with <paramref name="prefix"/>: its position and its labels.</summary>
    public static IReadOnlyList<CitationMarker> Occurrences(string text, char prefix)
    {
        var result = new List<CitationMarker>();
        foreach (Match bracket in Bracket().Matches(text))
        {
            var labels = new List<int>();
            foreach (Match label in Label().Matches(bracket.Groups[1].Value))
                if (char.ToUpperInvariant(label.Groups[1].Value[0]) == prefix && int.TryParse(label.Groups[2].Value, out int n) && !labels.Contains(n))
                    labels.Add(n);
            if (labels.Count > 0) result.Add(new CitationMarker(bracket.Index, bracket.Length, labels));
        }
        return result;
    }

    [GeneratedRegex(@"\[([^\[\]\n]{1,60})\]")]
    private static partial Regex Bracket();

    [GeneratedRegex(@"\b([A-Za-z])(\d{1,5})\b")]
    private static partial Regex Label();
}

/// <summary>A citation bracket in model output: where it is and the label numbers it holds.</summary>
public sealed record CitationMarker(int Index, int Length, IReadOnlyList<int> Labels)
{
    public int End => Index + Length;
}

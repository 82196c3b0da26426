using System.Text.RegularExpressions;

namespace AgentFramework.Agents.RetrieveThenReason;

/// <summary>Reads the passages an extraction call returned: one per line, list markers and wrapping quotes removed, NONE ignored.</summary>
internal static partial class PassageParser
{
    public static IReadOnlyList<string> Parse(string output)
    {
        var passages = new List<string>();
        foreach (var raw in output.Split('\n'))
        {
            var line = ListMarker().Replace(raw.Trim(), "").Trim();
            if (line.Length >= 2 && IsQuote(line[0]) && IsQuote(line[^1])) line = line[1..^1].Trim();
            if (line.Length < 3 || line.Equals("NONE", StringComparison.OrdinalIgnoreCase) || line.Equals("NONE.", StringComparison.OrdinalIgnoreCase)) continue;
            if (!passages.Contains(line)) passages.Add(line);
        }
        return passages;
    }

    private static bool IsQuote(char c) => c is '"' or '\'' or '“' or '”' or '‘' or '’' or '`';

    [GeneratedRegex(@"^(?:[-*•]\s+|\d{1,3}[.)]\s+|\[P?\d{1,3}\]\s*)")]
    private static partial Regex ListMarker();
}

using System.Text.RegularExpressions;

namespace AgentFramework.Agents.MemoryStream;

/// <summary>What the reader wrote for one chunk: a note, its updated running summary (if it gave one) and an importance.</summary>
public sealed record Observation(string Note, string? Summary, int Importance, bool ImportanceParsed);

/// <summary>
/// Splits a reading step's answer into NOTE / SUMMARY / IMPORTANCE parts. Labels may carry markdown (**NOTE:**, ## Note)
/// and come in any order; an answer without labels is all note, with the default importance (a bare number inside a
/// note, such as a year or a chapter, is never taken as its rating).
/// </summary>
internal static partial class ObservationParser
{
    public static Observation Parse(string? answer, int defaultImportance = 5)
    {
        var text = (answer ?? "").Trim();
        var labels = Label().Matches(text);
        if (labels.Count == 0) return new Observation(text, null, defaultImportance, false);

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string preamble = text[..labels[0].Index].Trim();
        for (int i = 0; i < labels.Count; i++)
        {
            int start = labels[i].Index + labels[i].Length;
            int end = i + 1 < labels.Count ? labels[i + 1].Index : text.Length;
            var key = labels[i].Groups["label"].Value.ToLowerInvariant() switch
            {
                "summary" or "running summary" => "summary",
                "importance" or "rating" => "importance",
                _ => "note",
            };
            var value = Clean(text[start..end]);
            parts[key] = parts.TryGetValue(key, out var earlier) && earlier.Length > 0 ? earlier + "\n" + value : value;
        }
        var note = parts.GetValueOrDefault("note") is { Length: > 0 } n ? n : preamble;
        var summary = parts.GetValueOrDefault("summary") is { Length: > 0 } s ? s : null;
        bool parsed = ImportanceParser.TryParse(parts.GetValueOrDefault("importance"), out var importance);
        return new Observation(note, summary, parsed ? importance : defaultImportance, parsed);
    }

    private static string Clean(string value) => value.Trim().Trim('*', '#', '_').Trim();

    [GeneratedRegex(@"^[ \t>#*_-]*(?<label>note|notes|summary|running summary|importance|rating)[ \t*_]*[:：][ \t*_]*",
        RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex Label();
}

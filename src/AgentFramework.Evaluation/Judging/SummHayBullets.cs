using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentFramework.Citations;
using AgentFramework.Documents;
using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Evaluation.Judging;

/// <summary>
/// A summary as SummHay scores it: its bullets (populate_summaries.py bullet_processor: lines, stripped, blank ones
/// dropped) and the documents each bullet cites, by 1-based position in the haystack (utils_eval.py numbers documents
/// i + 1). A bullet cites what its "[1, 4]" groups say (extract_citations). agentfw's pipelines return structured
/// citations instead of such markers; each is attributed to the bullet sharing the most words (at least two) with its
/// quote — agentfw's addition, counted apart in the metric's components.
/// </summary>
public static partial class SummHayBullets
{
    public static IReadOnlyList<string> Split(string summary) =>
        summary.Split('\n').Select(PythonText.Strip).Where(line => line.Length > 0).ToList();

    /// <summary>The 1-based document numbers each bullet cites, and how many came from structured citations.</summary>
    public static (IReadOnlyList<HashSet<int>> Cited, int Attributed) Citations(IReadOnlyList<string> bullets, IReadOnlyList<Citation> citations, IReadOnlyList<Document> documents)
    {
        var cited = bullets.Select(b => Scoring.SummHayPredictions.Citations(b)).ToList();
        int attributed = 0;
        var words = bullets.Select(Words).ToList();
        foreach (var citation in citations)
        {
            int number = IndexOf(documents, citation.Document);
            if (number < 0) continue;
            var quote = Words(citation.Quote);
            int best = -1, bestShared = 1;
            for (int i = 0; i < bullets.Count; i++)
            {
                int shared = words[i].Count(quote.Contains);
                if (shared > bestShared) { best = i; bestShared = shared; }
            }
            if (best >= 0 && cited[best].Add(number + 1)) attributed++;
        }
        return (cited, attributed);
    }

    /// <summary>Python's <c>int(e["bullet_id"])</c>, or -1 where it raises (utils_eval.py's fallback).</summary>
    public static int BulletNumber(JsonElement? value)
    {
        if (value is not { } v) return -1;
        switch (v.ValueKind)
        {
            case JsonValueKind.Number:
                if (v.TryGetInt32(out var n)) return n;
                double d = v.GetDouble();
                return double.IsFinite(d) && Math.Abs(d) < int.MaxValue ? (int)Math.Truncate(d) : -1;
            case JsonValueKind.String:
                var text = PythonText.Strip(v.GetString()!).Replace("_", "", StringComparison.Ordinal);
                return IntText().IsMatch(PythonText.Strip(v.GetString()!)) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : -1;
            case JsonValueKind.True: return 1;
            case JsonValueKind.False: return 0;
            default: return -1;
        }
    }

    /// <summary><c>bullets[n - 1]</c> with Python's negative indexing; null where Python raises IndexError.</summary>
    public static int? BulletIndex(int bulletNumber, int bulletCount)
    {
        long index = (long)bulletNumber - 1;
        if (index < 0) index += bulletCount;
        return index >= 0 && index < bulletCount ? (int)index : null;
    }

    [GeneratedRegex(@"^[+-]?[0-9](?:_?[0-9])*$")]
    private static partial Regex IntText();

    [GeneratedRegex(@"\w{3,}")]
    private static partial Regex Word();

    private static HashSet<string> Words(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    private static int IndexOf(IReadOnlyList<Document> documents, string name)
    {
        for (int i = 0; i < documents.Count; i++)
            if (documents[i].Name == name || documents[i].Id == name) return i;
        return -1;
    }
}

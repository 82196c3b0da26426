using System.Globalization;
using System.Text;

namespace AgentFramework.Evaluation.Scoring;

/// <summary>One row of a score sheet: a task (or model, split), how many predictions it scored, and its numbers (0–100 unless named otherwise).</summary>
public sealed record ScoreRow(string Name, int Predictions, IReadOnlyDictionary<string, double> Scores);

/// <summary>
/// What <c>agentfw score</c> computed for one benchmark: rows for people, and <see cref="OfficialJson"/>, the object the
/// benchmark's own script prints or writes (LongBench's result.json, L-Eval's metrics dict, …) in that script's layout.
/// </summary>
/// <param name="Metric">The official metric set, named as the benchmark names it (e.g. "LongBench eval.py dataset2metric").</param>
public sealed record ScoreSheet(string Benchmark, string Metric, IReadOnlyList<ScoreRow> Rows, string OfficialJson, IReadOnlyList<string> Notes)
{
    /// <summary>A Markdown table: one row per task, one column per score.</summary>
    public string ToMarkdown()
    {
        var columns = Rows.SelectMany(r => r.Scores.Keys).Distinct().ToList();
        var text = new StringBuilder($"# {Benchmark} scores\n\nMetric: {Metric}\n\n| task | n | {string.Join(" | ", columns)} |\n|---|---:|{string.Concat(columns.Select(_ => "---:|"))}\n");
        foreach (var row in Rows)
            text.AppendLine($"| {row.Name} | {row.Predictions} | {string.Join(" | ", columns.Select(c => row.Scores.TryGetValue(c, out var v) ? Format(v) : ""))} |");
        foreach (var note in Notes) text.AppendLine().Append("Note: ").AppendLine(note);
        return text.ToString();
    }

    /// <summary>A plain table for the terminal.</summary>
    public string ToText()
    {
        var columns = Rows.SelectMany(r => r.Scores.Keys).Distinct().ToList();
        int width = Math.Max(4, Rows.Select(r => r.Name.Length).DefaultIfEmpty(0).Max());
        var text = new StringBuilder($"{Benchmark} ({Metric})\n{"task".PadRight(width)}  {"n",5}  {string.Join("  ", columns.Select(c => c.PadLeft(Math.Max(8, c.Length))))}\n");
        foreach (var row in Rows)
            text.AppendLine($"{row.Name.PadRight(width)}  {row.Predictions,5}  {string.Join("  ", columns.Select(c => (row.Scores.TryGetValue(c, out var v) ? Format(v) : "").PadLeft(Math.Max(8, c.Length))))}");
        return text.ToString().TrimEnd('\n');
    }

    private static string Format(double value) => double.IsNaN(value) ? "NaN" : value.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>Python's <c>json.dumps</c> layout for the result objects the official scripts write (indent 4, floats as repr).</summary>
public static class PythonJson
{
    public static string Float(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text.Replace("E", "e", StringComparison.Ordinal) : text + ".0";
    }

    public static string String(string value) => System.Text.Json.JsonSerializer.Serialize(value,
        new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>An object of named values (each already JSON text), indented like <c>json.dump(..., indent=4)</c>.</summary>
    public static string Object(IEnumerable<KeyValuePair<string, string>> members, int depth = 0)
    {
        var items = members.ToList();
        if (items.Count == 0) return "{}";
        var pad = new string(' ', 4 * (depth + 1));
        var body = string.Join(",\n", items.Select(m => $"{pad}{String(m.Key)}: {m.Value}"));
        return $"{{\n{body}\n{new string(' ', 4 * depth)}}}";
    }
}

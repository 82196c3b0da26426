using System.Text;
using static AgentFramework.Evaluation.Reports.MarkdownReport;

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// The benchmark-specific parts of report.md: LongBench-E's length ranges and LongBench v2's difficulty and length
/// splits, the aggregates benchmarks publish (L-Eval, LongWriter, SummHay), and the needle depth × length tables
/// with their heatmaps (RULER / Kamradt style).
/// </summary>
internal static class BenchmarkSections
{
    public static void Splits(StringBuilder md, BenchmarkSummary summary, List<string> pipelines)
    {
        foreach (var split in summary.Splits.Where(c => c.Split != "group").GroupBy(c => (c.Benchmark, c.Split)))
        {
            var values = split.Select(c => c.Value).Distinct().ToList();
            md.AppendLine($"## {split.Key.Benchmark} by {split.Key.Split}").AppendLine();
            md.AppendLine($"Score (0–100) in each {split.Key.Split}; the first rows macro-average over tasks, then one row per task and pipeline; n in parentheses.").AppendLine();
            md.AppendLine($"| task | pipeline | {string.Join(" | ", values)} |");
            md.AppendLine("|---|---|" + string.Concat(values.Select(_ => "---:|")));
            foreach (var task in split.GroupBy(c => c.Task).OrderBy(t => t.Key is null ? 0 : 1).ThenBy(t => t.Key, StringComparer.Ordinal))
            {
                if (task.Key is not null && split.Select(c => c.Task).OfType<string>().Distinct().Count() < 2) continue; // one task: its rows equal the macro rows
                foreach (var pipeline in pipelines)
                {
                    var cells = values.Select(v => task.FirstOrDefault(c => c.Value == v && c.Pipeline == pipeline) is { } c ? $"{F(c.Score)} ({c.Cases})" : "–").ToList();
                    if (cells.All(c => c == "–")) continue;
                    md.AppendLine($"| {task.Key ?? "**all tasks**"} | {pipeline} | {string.Join(" | ", cells)} |");
                }
            }
            md.AppendLine();
        }
    }

    public static void Aggregates(StringBuilder md, BenchmarkSummary summary, List<string> pipelines)
    {
        foreach (var benchmark in summary.Aggregates.GroupBy(a => a.Benchmark))
        {
            md.AppendLine($"## {benchmark.Key}: reported aggregates").AppendLine();
            md.AppendLine("| aggregate | what | " + string.Join(" | ", pipelines) + " |");
            md.AppendLine("|---|---|" + string.Concat(pipelines.Select(_ => "---:|")));
            foreach (var a in benchmark)
                md.AppendLine($"| {a.Name} | {Escape(a.Description)} | " +
                              string.Join(" | ", pipelines.Select(p => a.Scores.GetValueOrDefault(p) is { } v ? F(v) : "–")) + " |");
            foreach (var note in benchmark.Select(a => a.Note).OfType<string>().Distinct()) md.AppendLine().AppendLine($"Note: {note}.");
            md.AppendLine();
        }
    }

    public static void Needles(StringBuilder md, BenchmarkSummary summary, List<string> pipelines, IReadOnlyList<string> plotFiles)
    {
        foreach (var dataset in summary.Needles.GroupBy(c => c.Dataset))
        {
            md.AppendLine($"## Needle depth × length: {dataset.Key}").AppendLine();
            md.AppendLine("Score (0–100) by needle depth (rows: % of the haystack before the needle) and context length (columns), " +
                          "n in parentheses; one table and heatmap per pipeline (RULER / Kamradt style).").AppendLine();
            foreach (var group in dataset.GroupBy(c => c.Pipeline).OrderBy(g => pipelines.IndexOf(g.Key)))
            {
                var lengths = BucketOrder.Sort(group.Select(c => c.Length));
                var depths = group.Select(c => c.DepthPercent).Distinct().Order().ToList();
                md.AppendLine($"### {group.Key}").AppendLine();
                md.AppendLine("| depth | " + string.Join(" | ", lengths) + " |");
                md.AppendLine("|---:|" + string.Concat(lengths.Select(_ => "---:|")));
                foreach (var depth in depths)
                    md.AppendLine($"| {depth}% | " + string.Join(" | ", lengths.Select(l => group.FirstOrDefault(c => c.Length == l && c.DepthPercent == depth) is { } c
                        ? $"{F(c.Score, "0")} ({c.Cases})" : "–")) + " |");
                var image = plotFiles.FirstOrDefault(p => Path.GetFileName(p) == NeedleHeatmap.FileName(dataset.Key, group.Key));
                if (image is not null) md.AppendLine().AppendLine($"![needle heatmap {dataset.Key} {group.Key}]({Path.GetFileName(image)})");
                md.AppendLine();
            }
        }
    }
}

using System.Globalization;
using System.Text;

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// report.md as a researcher reads it: scores on 0–100 per task under the benchmark's own metric name, the macro
/// average over tasks, the benchmark's own splits and aggregates, the needle depth × length heatmap, cost and latency,
/// wins/ties/losses against the baseline, and every failed run with its reason. Numbers come only from the summary,
/// so the report and summary.json cannot disagree.
/// </summary>
public static class MarkdownReport
{
    public static string Render(BenchmarkSummary summary, IReadOnlyList<string> plotFiles)
    {
        var md = new StringBuilder();
        var pipelines = summary.Pipelines.Select(p => p.Pipeline).ToList();
        md.AppendLine($"# Benchmark report: {string.Join(", ", summary.Datasets)}").AppendLine();
        md.AppendLine($"{summary.Rows} runs from {pipelines.Count} pipelines: {summary.Rows - summary.FailedRows} scored, " +
                      $"{summary.FailedRows} failed (listed under Failed runs, excluded from every score and latency), " +
                      $"{summary.CachedRows} cached replays (scored, excluded from latency). Generated {summary.GeneratedAt:u}.");
        md.AppendLine().AppendLine("Scores are on 0–100: each task's mean over its scored cases under the benchmark's own metric, " +
                                   "then the macro average over tasks (cases are not pooled).");
        foreach (var definition in summary.LengthDefinitions)
            md.AppendLine().AppendLine($"Synthetic context lengths: {Synthetic.LengthDefinitions.Describe(definition)}.");
        var judged = summary.Metrics.Where(m => m.JudgeScored).Select(m => m.Name).ToList();
        if (judged.Count > 0)
            md.AppendLine().AppendLine($"**Judge-scored metrics** ({Metrics.MetricResult.JudgeScoredLabel}): {string.Join(", ", judged)}. These depend on the judge model and are not comparable across judges.");
        md.AppendLine();

        TaskTables(md, summary, pipelines);
        LengthTable(md, summary);
        BenchmarkSections.Splits(md, summary, pipelines);
        BenchmarkSections.Aggregates(md, summary, pipelines);
        BenchmarkSections.Needles(md, summary, pipelines, plotFiles);
        MetricTable(md, summary);
        CostTable(md, summary);
        Baseline(md, summary);
        Failures(md, summary);

        var otherPlots = plotFiles.Where(p => !Path.GetFileName(p).StartsWith(NeedleHeatmap.FilePrefix, StringComparison.Ordinal)).ToList();
        if (otherPlots.Count > 0)
        {
            md.AppendLine("## Plots").AppendLine();
            foreach (var plot in otherPlots) md.AppendLine($"![{Path.GetFileNameWithoutExtension(plot)}]({Path.GetFileName(plot)})");
        }
        return md.ToString();
    }

    private static void TaskTables(StringBuilder md, BenchmarkSummary summary, List<string> pipelines)
    {
        md.AppendLine("## Scores by task").AppendLine();
        md.AppendLine("Each cell: mean score (0–100) over scored cases, n in parentheses, failed runs after a +.").AppendLine();
        foreach (var benchmark in summary.Tasks.GroupBy(t => t.Benchmark))
        {
            md.AppendLine($"### {benchmark.Key}").AppendLine();
            md.AppendLine("| task | metric | " + string.Join(" | ", pipelines) + " |");
            md.AppendLine("|---|---|" + string.Concat(pipelines.Select(_ => "---:|")));
            foreach (var task in benchmark)
                md.AppendLine($"| {task.Task} | {task.MetricLabel} | " + string.Join(" | ", pipelines.Select(p => task.Scores.TryGetValue(p, out var s) ? Cell(s) : "–")) + " |");
            if (benchmark.Count() > 1)
                md.AppendLine("| **macro average** | over tasks | " + string.Join(" | ", pipelines.Select(p => MacroOf(benchmark, p))) + " |");
            md.AppendLine();
        }
    }

    private static string MacroOf(IEnumerable<TaskSummary> tasks, string pipeline)
    {
        var means = tasks.Select(t => t.Scores.GetValueOrDefault(pipeline)).Where(s => s is { Cases: > 0 }).Select(s => s!.Score).ToList();
        return means.Count == 0 ? "–" : $"**{F(means.Average())}**";
    }

    private static string Cell(TaskScore s) =>
        (s.Cases == 0 ? "–" : $"{F(s.Score)} ({s.Cases})") + (s.Failed > 0 ? $" +{s.Failed} failed" : "");

    private static void LengthTable(StringBuilder md, BenchmarkSummary summary)
    {
        var labels = summary.Tasks.Select(t => t.MetricLabel).Distinct().ToList();
        md.AppendLine("## Score by pipeline and length").AppendLine();
        md.AppendLine($"Metric: {string.Join("; ", labels)} (each task under its own metric, 0–100), macro-averaged over tasks within each " +
                      $"{summary.BucketAxis}; n = scored cases.").AppendLine();
        md.AppendLine("| pipeline | " + string.Join(" | ", summary.Buckets) + " | all (macro over tasks) |");
        md.AppendLine("|---|" + string.Concat(summary.Buckets.Select(_ => "---:|")) + "---:|");
        foreach (var p in summary.Pipelines)
        {
            var cells = summary.Buckets.Select(b => p.ByBucket.TryGetValue(b, out var s) ? $"{F(s.MeanScore)} ({s.Cases})" : "–");
            md.AppendLine($"| {p.Pipeline} | {string.Join(" | ", cells)} | {F(p.MeanScore)} ({p.Cases - p.FailedCases}) |");
        }
        md.AppendLine();
    }

    private static void MetricTable(StringBuilder md, BenchmarkSummary summary)
    {
        md.AppendLine("## Every metric computed").AppendLine();
        md.AppendLine("Mean over scored cases (0–100), pooled across tasks that use the metric.").AppendLine();
        md.AppendLine("| pipeline | " + string.Join(" | ", summary.Metrics.Select(m => m.JudgeScored ? $"{m.Name} ({Metrics.MetricResult.JudgeScoredLabel})" : m.Name)) + " |");
        md.AppendLine("|---|" + string.Concat(summary.Metrics.Select(_ => "---:|")));
        foreach (var p in summary.Pipelines)
            md.AppendLine($"| {p.Pipeline} | " + string.Join(" | ", summary.Metrics.Select(m => p.MetricMeans.TryGetValue(m.Name, out var v) ? F(v) : "–")) + " |");
        md.AppendLine();
    }

    private static void CostTable(StringBuilder md, BenchmarkSummary summary)
    {
        md.AppendLine("## Cost and latency by pipeline").AppendLine();
        md.AppendLine("Tokens and calls over scored runs; wall time over scored runs that were not cached replays (timed).").AppendLine();
        md.AppendLine("| pipeline | runs | failed | cached | prompt tokens | completion tokens | mean prompt tokens | model calls | mean calls | timed | total wall s | mean wall s | median wall s | peak memory MiB | truncated tokens |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in summary.Pipelines)
            md.AppendLine($"| {p.Pipeline} | {p.Cases} | {p.FailedCases} | {p.CachedCases} | {p.PromptTokens} | {p.CompletionTokens} | {F(p.MeanPromptTokens, "0.0")} | " +
                          $"{p.ModelCalls} | {F(p.MeanModelCalls, "0.0")} | {p.TimedCases} | {F(p.TotalWallSeconds, "0.00")} | {F(p.MeanWallSeconds, "0.000")} | " +
                          $"{F(p.MedianWallSeconds, "0.000")} | {F(p.PeakMemoryBytes / 1048576.0, "0.0")} | {p.TruncatedTokens} |");
        md.AppendLine();
    }

    private static void Baseline(StringBuilder md, BenchmarkSummary summary)
    {
        md.AppendLine($"## Against {summary.Baseline ?? SummaryBuilder.DefaultBaseline}").AppendLine();
        if (summary.Baseline is null)
            md.AppendLine($"No {SummaryBuilder.DefaultBaseline} results, so no paired comparison.");
        else
        {
            md.AppendLine("Per case, primary score compared with the baseline on the same case (cases both scored).").AppendLine();
            md.AppendLine("| pipeline | wins | ties | losses |").AppendLine("|---|---:|---:|---:|");
            foreach (var c in summary.VersusBaseline) md.AppendLine($"| {c.Pipeline} | {c.Wins} | {c.Ties} | {c.Losses} |");
        }
        md.AppendLine();
    }

    private static void Failures(StringBuilder md, BenchmarkSummary summary)
    {
        md.AppendLine("## Failed runs").AppendLine();
        if (summary.Failures.Count == 0) { md.AppendLine("None.").AppendLine(); return; }
        md.AppendLine($"{summary.Failures.Count} runs failed; they are excluded from every score and from latency, and are retried when the run is resumed.").AppendLine();
        md.AppendLine("| dataset | case | pipeline | reason |").AppendLine("|---|---|---|---|");
        foreach (var f in summary.Failures) md.AppendLine($"| {f.Dataset} | {f.CaseId} | {f.Pipeline} | {Escape(f.Error)} |");
        md.AppendLine();
    }

    internal static string Escape(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    internal static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
}

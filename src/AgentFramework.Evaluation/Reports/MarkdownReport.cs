using System.Globalization;
using System.Text;

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// report.md: score by pipeline × length bucket, every metric's mean (judge-scored ones labelled), tokens, calls and
/// latency by pipeline, wins/ties/losses against the baseline, and the plots. Numbers come only from the summary, so
/// the report and summary.json cannot disagree.
/// </summary>
public static class MarkdownReport
{
    public static string Render(BenchmarkSummary summary, IReadOnlyList<string> plotFiles)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Benchmark report: {string.Join(", ", summary.Datasets)}").AppendLine();
        md.AppendLine($"{summary.Rows} results ({summary.FailedRows} failed) from {summary.Pipelines.Count} pipelines; generated {summary.GeneratedAt:u}.");
        var judged = summary.Metrics.Where(m => m.JudgeScored).Select(m => m.Name).ToList();
        if (judged.Count > 0)
            md.AppendLine().AppendLine($"**Judge-scored metrics** ({MetricsLabel}): {string.Join(", ", judged)}. These depend on the judge model and are not comparable across judges.");
        md.AppendLine();

        md.AppendLine("## Score by pipeline and context length").AppendLine();
        md.AppendLine("Mean primary score (0–1) over successful cases; n in parentheses.").AppendLine();
        md.AppendLine("| pipeline | " + string.Join(" | ", summary.Buckets) + " | all |");
        md.AppendLine("|---|" + string.Concat(summary.Buckets.Select(_ => "---:|")) + "---:|");
        foreach (var p in summary.Pipelines)
        {
            var cells = summary.Buckets.Select(b => p.ByBucket.TryGetValue(b, out var s) ? $"{F(s.MeanScore)} ({s.Cases})" : "–");
            md.AppendLine($"| {p.Pipeline} | {string.Join(" | ", cells)} | {F(p.MeanScore)} ({p.Cases - p.FailedCases}) |");
        }
        md.AppendLine();

        md.AppendLine("## Metrics").AppendLine();
        md.AppendLine("| pipeline | " + string.Join(" | ", summary.Metrics.Select(m => m.JudgeScored ? $"{m.Name} ({MetricsLabel})" : m.Name)) + " |");
        md.AppendLine("|---|" + string.Concat(summary.Metrics.Select(_ => "---:|")));
        foreach (var p in summary.Pipelines)
            md.AppendLine($"| {p.Pipeline} | " + string.Join(" | ", summary.Metrics.Select(m => p.MetricMeans.TryGetValue(m.Name, out var v) ? F(v) : "–")) + " |");
        md.AppendLine();

        md.AppendLine("## Cost by pipeline").AppendLine();
        md.AppendLine("| pipeline | cases | failed | prompt tokens | completion tokens | mean prompt tokens | model calls | mean calls | total wall s | mean wall s | median wall s | peak memory MiB | truncated tokens |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in summary.Pipelines)
            md.AppendLine($"| {p.Pipeline} | {p.Cases} | {p.FailedCases} | {p.PromptTokens} | {p.CompletionTokens} | {F(p.MeanPromptTokens, "0.0")} | " +
                          $"{p.ModelCalls} | {F(p.MeanModelCalls, "0.0")} | {F(p.TotalWallSeconds, "0.00")} | {F(p.MeanWallSeconds, "0.000")} | " +
                          $"{F(p.MedianWallSeconds, "0.000")} | {F(p.PeakMemoryBytes / 1048576.0, "0.0")} | {p.TruncatedTokens} |");
        md.AppendLine();

        md.AppendLine($"## Against {summary.Baseline ?? SummaryBuilder.DefaultBaseline}").AppendLine();
        if (summary.Baseline is null)
            md.AppendLine($"No {SummaryBuilder.DefaultBaseline} results, so no paired comparison.");
        else
        {
            md.AppendLine("Per case, primary score compared with the baseline on the same case.").AppendLine();
            md.AppendLine("| pipeline | wins | ties | losses |").AppendLine("|---|---:|---:|---:|");
            foreach (var c in summary.VersusBaseline) md.AppendLine($"| {c.Pipeline} | {c.Wins} | {c.Ties} | {c.Losses} |");
        }
        md.AppendLine();

        if (plotFiles.Count > 0)
        {
            md.AppendLine("## Plots").AppendLine();
            foreach (var plot in plotFiles) md.AppendLine($"![{Path.GetFileNameWithoutExtension(plot)}]({Path.GetFileName(plot)})");
        }
        return md.ToString();
    }

    private const string MetricsLabel = Metrics.MetricResult.JudgeScoredLabel;

    private static string F(double value, string format = "0.000") => value.ToString(format, CultureInfo.InvariantCulture);
}

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// L-Eval's reported aggregates. Closed-ended: the macro average of the exam tasks' accuracies. Open-ended, as
/// OpenLMLab/LEval reports them (Leaderboard/ngram_LEval_leaderboard.csv @ 7f1ffbc, rouge_LEval_leaderboard.csv): "ROUGE
/// avg" is R-1 / R-2 / R-L, each the macro average over the ROUGE tasks of the task's mean F-measure × 100 (e.g.
/// turbo-16k-0613: 37.01/10.67/20.35 over seven tasks); "F1 avg" the macro average of the F1 tasks. Each ROUGE task's
/// LEval_score is auto_eval.py's (@ cd34b05) geometric mean of its and R-L means.
/// </summary>
internal static class LEvalAggregates
{
    public static IEnumerable<BenchmarkAggregate> Build(List<CaseResult> leval, List<string> pipelines)
    {
        var closed = leval.Where(r => Group(r) == "closed-ended").ToList();
        if (closed.Count > 0)
            yield return new BenchmarkAggregate(BenchmarkFamilies.LEval, "closed-ended average",
                $"macro average over L-Eval's closed-ended tasks present ({TaskList(closed)})",
                pipelines.ToDictionary(p => p, p => Macro(closed.Where(r => r.Pipeline == p))), null);

        var open = leval.Where(r => Group(r) == "open-ended").ToList();
        var rouge = open.Where(r => r.Scores.Any(s => s.Metric == Metrics.LEvalRouge.MetricName)).ToList();
        if (rouge.Count > 0)
        {
            foreach (var (component, label) in new[] { ("rouge1", "R-1"), ("rouge2", "R-2"), ("rougeL", "R-L") })
                yield return new BenchmarkAggregate(BenchmarkFamilies.LEval, $"ROUGE avg {label}",
                    $"open-ended: macro average over ROUGE tasks ({TaskList(rouge)}) of each task's mean {label} F × 100 (L-Eval leaderboard \"ROUGE avg\")",
                    pipelines.ToDictionary(p => p, p => MacroOfTaskMeans(rouge, p, component)), null);
            foreach (var task in rouge.GroupBy(SummaryBuilder.TaskOf).OrderBy(g => g.Key, StringComparer.Ordinal))
                yield return new BenchmarkAggregate(BenchmarkFamilies.LEval, $"LEval_score {task.Key}",
                    "geometric mean of the task's R-1, R-2 and R-L means (auto_eval.py LEval_score)",
                    pipelines.ToDictionary(p => p, p => GeometricMean(task.Where(r => r.Pipeline == p).ToList())), null);
        }
        var f1 = open.Where(r => r.Scores.Any(s => s.Metric == Metrics.TokenF1.MetricName)).ToList();
        if (f1.Count > 0)
            yield return new BenchmarkAggregate(BenchmarkFamilies.LEval, "F1 avg",
                $"open-ended: macro average over F1 tasks ({TaskList(f1)}) of each task's mean F1 × 100 (L-Eval leaderboard \"F1 avg\")",
                pipelines.ToDictionary(p => p, p => MacroOfTaskMeans(f1, p, null)), null);
    }

    private static string? Group(CaseResult r) => r.Splits?.GetValueOrDefault("group");

    private static string TaskList(IEnumerable<CaseResult> rows) => string.Join(", ", rows.Select(SummaryBuilder.TaskOf).Distinct().Order(StringComparer.Ordinal));

    private static double? Macro(IEnumerable<CaseResult> rows)
    {
        var average = SummaryBuilder.MacroAverage(rows);
        return average.Cases == 0 ? null : average.MeanScore;
    }

    /// <summary>Per task the mean (× 100) of the metric's value, or of its named component; then the mean over tasks.</summary>
    private static double? MacroOfTaskMeans(List<CaseResult> rows, string pipeline, string? component)
    {
        var perTask = rows.Where(r => r.Pipeline == pipeline).GroupBy(SummaryBuilder.TaskOf)
            .Select(g => TaskMean(g.ToList(), component)).OfType<double>().ToList();
        return perTask.Count == 0 ? null : perTask.Average();
    }

    private static double? TaskMean(List<CaseResult> rows, string? component)
    {
        var values = rows.Select(r => Value(r, component)).OfType<double>().ToList();
        return values.Count == 0 ? null : values.Average() * 100;
    }

    private static double? Value(CaseResult row, string? component)
    {
        var metric = component is null ? Metrics.TokenF1.MetricName : Metrics.LEvalRouge.MetricName;
        var score = row.Scores.FirstOrDefault(s => s.Metric == metric);
        if (score is null) return null;
        if (component is null) return score.Value;
        return score.Components?.TryGetValue(component, out var v) == true ? v : component == "rougeL" ? score.Value : null;
    }

    private static double? GeometricMean(List<CaseResult> rows) =>
        TaskMean(rows, "rouge1") is { } r1 && TaskMean(rows, "rouge2") is { } r2 && TaskMean(rows, "rougeL") is { } rl
            ? Math.Pow(r1 * r2 * rl, 1.0 / 3.0) : null;
}

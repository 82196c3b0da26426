using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// Builds a <see cref="BenchmarkSummary"/> from result rows; pure, so reports are testable from synthetic rows. Scores
/// go to 0–100; a pipeline's score is the mean per task, then the macro average over tasks (LongBench, L-Eval and
/// RULER all average tasks, not pooled cases). Failed rows never enter a mean; cached replays never enter latency.
/// </summary>
public static class SummaryBuilder
{
    public const string DefaultBaseline = "full-context";

    /// <summary>Score differences at or below this count as ties.</summary>
    public const double TieTolerance = 1e-9;

    /// <param name="metricDefinitions">The metric registry whose labels head the task table (<see cref="MetricDefinitions.Default"/> unless given).</param>
    public static BenchmarkSummary Build(IReadOnlyList<CaseResult> rows, string baseline = DefaultBaseline, DateTimeOffset? now = null, MetricDefinitions? metricDefinitions = null)
    {
        var buckets = BucketOrder.Sort(rows.Select(r => r.LengthBucket));
        var ok = rows.Where(r => r.Error is null).ToList();
        var pipelines = rows.GroupBy(r => r.Pipeline).Select(g => Pipeline(g.Key, g.ToList())).ToList();
        var metrics = rows.SelectMany(r => r.Scores).GroupBy(s => s.Metric)
            .Select(g => new MetricInfo(g.Key, g.Any(s => s.JudgeScored))).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var failures = rows.Where(r => r.Error is not null).Select(r => new FailedRun(r.Dataset, r.CaseId, r.Pipeline, r.Error!)).ToList();
        bool hasBaseline = rows.Any(r => r.Pipeline == baseline);
        return new BenchmarkSummary(
            rows.Select(r => r.Dataset).Distinct().ToList(), rows.Count, failures.Count, rows.Count(r => r.CachedReplay),
            buckets, BucketOrder.AxisLabel(buckets), pipelines, Tasks(rows, metricDefinitions), Splits(ok), BenchmarkAggregates.Build(ok), Needles(ok),
            rows.Select(r => r.LengthDefinition).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList(),
            metrics, failures, hasBaseline ? baseline : null, hasBaseline ? Compare(rows, baseline) : [], now ?? DateTimeOffset.UtcNow);
    }

    internal static string BenchmarkOf(CaseResult r) => r.Benchmark ?? BenchmarkFamilies.Other;

    internal static string TaskOf(CaseResult r) => r.Task ?? r.Dataset;

    /// <summary>Mean per task (0–100), then the mean of those: the macro average, and how many cases fed it.</summary>
    internal static BucketScore MacroAverage(IEnumerable<CaseResult> successful)
    {
        var list = successful.ToList();
        if (list.Count == 0) return new BucketScore(0, 0);
        var perTask = list.GroupBy(r => (BenchmarkOf(r), TaskOf(r))).Select(g => g.Average(r => r.Score) * 100).ToList();
        return new BucketScore(list.Count, perTask.Average());
    }

    private static PipelineSummary Pipeline(string name, List<CaseResult> rows)
    {
        var ok = rows.Where(r => r.Error is null).ToList();
        var timed = ok.Where(r => !r.CachedReplay).Select(r => r.WallSeconds).Order().ToList();
        var byBucket = ok.GroupBy(r => r.LengthBucket).ToDictionary(g => g.Key, g => MacroAverage(g));
        var metricMeans = ok.SelectMany(r => r.Scores).GroupBy(s => s.Metric).ToDictionary(g => g.Key, g => g.Average(s => s.Value) * 100);
        return new PipelineSummary(name, rows.Count, rows.Count - ok.Count, rows.Count(r => r.CachedReplay), MacroAverage(ok).MeanScore, byBucket, metricMeans,
            ok.Sum(r => r.PromptTokens), ok.Sum(r => r.CompletionTokens), ok.Count == 0 ? 0 : ok.Average(r => (double)r.PromptTokens),
            ok.Sum(r => r.ModelCalls), ok.Count == 0 ? 0 : ok.Average(r => (double)r.ModelCalls),
            timed.Count, timed.Sum(), timed.Count == 0 ? 0 : timed.Average(), Median(timed),
            rows.Max(r => r.PeakMemoryBytes), ok.Sum(r => r.TruncatedTokens));
    }

    private static IReadOnlyList<TaskSummary> Tasks(IReadOnlyList<CaseResult> rows, MetricDefinitions? definitions) =>
        rows.GroupBy(r => (Benchmark: BenchmarkOf(r), Task: TaskOf(r)))
            .OrderBy(g => g.Key.Benchmark, StringComparer.Ordinal).ThenBy(g => g.Key.Task, StringComparer.Ordinal)
            .Select(g =>
            {
                var scored = g.Where(r => r.Error is null).ToList();
                var metric = (scored.Count > 0 ? scored : g.ToList()).GroupBy(r => r.ScoreMetric).OrderByDescending(m => m.Count()).First().Key;
                bool judged = scored.Any(r => r.JudgeScored);
                var scores = g.GroupBy(r => r.Pipeline).ToDictionary(p => p.Key, p =>
                {
                    var good = p.Where(r => r.Error is null).ToList();
                    return new TaskScore(good.Count, p.Count() - good.Count, good.Count == 0 ? 0 : good.Average(r => r.Score) * 100);
                });
                return new TaskSummary(g.Key.Benchmark, g.Key.Task, metric, MetricLabels.Label(g.Key.Benchmark, metric, judged, definitions), judged, scores);
            }).ToList();

    private static IReadOnlyList<SplitCell> Splits(IReadOnlyList<CaseResult> ok)
    {
        var cells = new List<SplitCell>();
        var entries = ok.Where(r => r.Splits is not null)
            .SelectMany(r => r.Splits!.Select(s => (Row: r, Split: s.Key, Value: s.Value))).ToList();
        foreach (var group in entries.GroupBy(e => (Benchmark: BenchmarkOf(e.Row), e.Split)))
            foreach (var byValue in group.GroupBy(e => e.Value).OrderBy(v => BucketOrder.SortKey(v.Key)).ThenBy(v => v.Key, StringComparer.Ordinal))
                foreach (var byPipeline in byValue.GroupBy(e => e.Row.Pipeline))
                {
                    var macro = MacroAverage(byPipeline.Select(e => e.Row));
                    cells.Add(new SplitCell(group.Key.Benchmark, group.Key.Split, byValue.Key, null, byPipeline.Key, macro.Cases, macro.MeanScore));
                    foreach (var byTask in byPipeline.GroupBy(e => TaskOf(e.Row)).OrderBy(t => t.Key, StringComparer.Ordinal))
                        cells.Add(new SplitCell(group.Key.Benchmark, group.Key.Split, byValue.Key, byTask.Key, byPipeline.Key, byTask.Count(), byTask.Average(e => e.Row.Score) * 100));
                }
        return cells;
    }

    private static IReadOnlyList<NeedleCell> Needles(IReadOnlyList<CaseResult> ok) =>
        ok.Where(r => r.Depth is not null)
            .GroupBy(r => (r.Dataset, r.Pipeline, r.LengthBucket, Depth: (int)Math.Round(r.Depth!.Value * 100)))
            .Select(g => new NeedleCell(g.Key.Dataset, g.Key.Pipeline, g.Key.LengthBucket, g.Key.Depth, g.Count(), g.Average(r => r.Score) * 100))
            .OrderBy(c => c.Dataset, StringComparer.Ordinal).ThenBy(c => c.Pipeline, StringComparer.Ordinal)
            .ThenBy(c => BucketOrder.SortKey(c.Length)).ThenBy(c => c.DepthPercent).ToList();

    private static IReadOnlyList<PairedComparison> Compare(IReadOnlyList<CaseResult> rows, string baseline)
    {
        var reference = rows.Where(r => r.Pipeline == baseline && r.Error is null).ToDictionary(r => (r.Dataset, r.CaseId), r => r.Score);
        return rows.Where(r => r.Pipeline != baseline && r.Error is null).GroupBy(r => r.Pipeline).Select(g =>
        {
            int wins = 0, ties = 0, losses = 0;
            foreach (var row in g)
            {
                if (!reference.TryGetValue((row.Dataset, row.CaseId), out var baseScore)) continue;
                double diff = row.Score - baseScore;
                if (Math.Abs(diff) <= TieTolerance) ties++; else if (diff > 0) wins++; else losses++;
            }
            return new PairedComparison(g.Key, wins, ties, losses);
        }).ToList();
    }

    private static double Median(List<double> sorted) =>
        sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

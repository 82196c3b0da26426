namespace AgentFramework.Evaluation.Reports;

/// <summary>Builds a <see cref="BenchmarkSummary"/> from result rows; pure, so reports are testable from synthetic rows.</summary>
public static class SummaryBuilder
{
    public const string DefaultBaseline = "full-context";

    /// <summary>Score differences at or below this count as ties.</summary>
    public const double TieTolerance = 1e-9;

    public static BenchmarkSummary Build(IReadOnlyList<CaseResult> rows, string baseline = DefaultBaseline, DateTimeOffset? now = null)
    {
        var buckets = rows.Select(r => r.LengthBucket).Distinct().OrderBy(Datasets.LengthBuckets.SortKey).ThenBy(b => b, StringComparer.Ordinal).ToList();
        var pipelines = rows.GroupBy(r => r.Pipeline).Select(g => Pipeline(g.Key, g.ToList())).ToList();
        var metrics = rows.SelectMany(r => r.Scores).GroupBy(s => s.Metric)
            .Select(g => new MetricInfo(g.Key, g.Any(s => s.JudgeScored))).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        bool hasBaseline = rows.Any(r => r.Pipeline == baseline);
        return new BenchmarkSummary(
            rows.Select(r => r.Dataset).Distinct().ToList(), rows.Count, rows.Count(r => r.Error is not null), buckets, pipelines, metrics,
            hasBaseline ? baseline : null, hasBaseline ? Compare(rows, baseline) : [], now ?? DateTimeOffset.UtcNow);
    }

    private static PipelineSummary Pipeline(string name, List<CaseResult> rows)
    {
        var ok = rows.Where(r => r.Error is null).ToList();
        var byBucket = ok.GroupBy(r => r.LengthBucket).ToDictionary(g => g.Key, g => new BucketScore(g.Count(), g.Average(r => r.Score)));
        var metricMeans = ok.SelectMany(r => r.Scores).GroupBy(s => s.Metric).ToDictionary(g => g.Key, g => g.Average(s => s.Value));
        var walls = rows.Select(r => r.WallSeconds).Order().ToList();
        return new PipelineSummary(name, rows.Count, rows.Count - ok.Count, ok.Count == 0 ? 0 : ok.Average(r => r.Score), byBucket, metricMeans,
            rows.Sum(r => r.PromptTokens), rows.Sum(r => r.CompletionTokens), rows.Average(r => (double)r.PromptTokens),
            rows.Sum(r => r.ModelCalls), rows.Average(r => (double)r.ModelCalls), walls.Sum(), walls.Average(), Median(walls),
            rows.Max(r => r.PeakMemoryBytes), rows.Sum(r => r.TruncatedTokens));
    }

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

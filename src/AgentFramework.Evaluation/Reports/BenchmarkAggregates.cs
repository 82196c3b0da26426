namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// The aggregates benchmarks print beside their per-task scores: L-Eval's (<see cref="LEvalAggregates"/>), LongWriter's
/// S_l, S_q (judge) with its six dimensions and overall = (S_l + S_q) / 2 (THUDM/LongWriter), SummHay's coverage,
/// citation and joint score (salesforce/summary-of-a-haystack). All on 0–100 over successful rows; an aggregate whose
/// metric is missing (no judge) is listed with a null score and the reason.
/// </summary>
public static class BenchmarkAggregates
{
    public static IReadOnlyList<BenchmarkAggregate> Build(IReadOnlyList<CaseResult> ok)
    {
        var aggregates = new List<BenchmarkAggregate>();
        var pipelines = ok.Select(r => r.Pipeline).Distinct().ToList();
        var byBenchmark = ok.GroupBy(SummaryBuilder.BenchmarkOf).ToDictionary(g => g.Key, g => g.ToList());

        if (byBenchmark.TryGetValue(BenchmarkFamilies.LEval, out var leval)) aggregates.AddRange(LEvalAggregates.Build(leval, pipelines));
        if (byBenchmark.TryGetValue(BenchmarkFamilies.LongBenchWrite, out var write)) aggregates.AddRange(LongWriter(write, pipelines));
        if (byBenchmark.TryGetValue(BenchmarkFamilies.SummHay, out var summhay)) aggregates.AddRange(SummHay(summhay, pipelines));
        return aggregates;
    }

    private static IEnumerable<BenchmarkAggregate> LongWriter(List<CaseResult> write, List<string> pipelines)
    {
        var sl = pipelines.ToDictionary(p => p, p => Mean(write, p, m => m == Metrics.LengthScore.MetricName));
        var sq = pipelines.ToDictionary(p => p, p => Mean(write, p, m => m.Contains("quality", StringComparison.Ordinal)));
        int skipped = write.Count(r => r.Notices?.Contains($"{Metrics.LongWriterQuality.MetricName}_skipped") == true);
        string? judgeNote = sq.Values.All(v => v is null)
            ? "S_q is judge-scored (LongWriter uses GPT-4o on six dimensions): give a judge (MetricRegistry.Judge) for S_q and overall"
            : skipped > 0 ? $"{skipped} runs were left out of S_q because the judge never gave readable scores (eval_quality.py skips such samples)" : null;
        yield return new BenchmarkAggregate(BenchmarkFamilies.LongBenchWrite, "S_l", "length score: 100·[1 − (l′/l − 1)/3] above the required l words, 100·[1 − (l/l′ − 1)/2] below", sl, null);
        yield return new BenchmarkAggregate(BenchmarkFamilies.LongBenchWrite, "S_q", "quality score (judge-scored): mean over the six dimensions of 25·(mean 1–5 score − 1)", sq, judgeNote);
        yield return new BenchmarkAggregate(BenchmarkFamilies.LongBenchWrite, "overall", "(S_l + S_q) / 2",
            pipelines.ToDictionary(p => p, p => sl[p] is { } l && sq[p] is { } q ? (l + q) / 2 : (double?)null), judgeNote);
        if (sq.Values.All(v => v is null)) yield break;
        foreach (var dimension in Judging.LongWriterQualityJudge.Dimensions)
            yield return new BenchmarkAggregate(BenchmarkFamilies.LongBenchWrite, $"S_q {dimension}", "25·(mean 1–5 judge score − 1) (eval_quality.py per dimension)",
                pipelines.ToDictionary(p => p, p => Component(write, p, Metrics.LongWriterQuality.MetricName, dimension) is { } mean ? (mean - 1) * 25 : (double?)null), null);
    }

    private static IEnumerable<BenchmarkAggregate> SummHay(List<CaseResult> summhay, List<string> pipelines)
    {
        const string insights = Metrics.SummHayInsights.MetricName;
        if (summhay.Any(r => r.Scores.Any(s => s.Metric == insights)))
        {
            // utils_eval.py compute_full_results pools insights over a model's summaries: coverage and joint over every
            // insight, citation over covered insights only.
            double? Pooled(string pipeline, string sum, string count)
            {
                var parts = summhay.Where(r => r.Pipeline == pipeline).SelectMany(r => r.Scores).Where(s => s.Metric == insights && s.Components is not null).ToList();
                double n = parts.Sum(s => s.Components!.GetValueOrDefault(count));
                return n == 0 ? null : 100 * parts.Sum(s => s.Components!.GetValueOrDefault(sum)) / n;
            }
            yield return new BenchmarkAggregate(BenchmarkFamilies.SummHay, "coverage", "insight coverage, FULL 1 / PARTIAL 0.5, over all insights (judge-scored)",
                pipelines.ToDictionary(p => p, p => Pooled(p, "coverage_sum", "insights")), null);
            yield return new BenchmarkAggregate(BenchmarkFamilies.SummHay, "citation", "F1 of the matched bullet's cited documents, over covered insights (judge-scored)",
                pipelines.ToDictionary(p => p, p => Pooled(p, "citation_sum", "covered")), null);
            yield return new BenchmarkAggregate(BenchmarkFamilies.SummHay, "joint", "coverage × citation per insight, over all insights (judge-scored)",
                pipelines.ToDictionary(p => p, p => Pooled(p, "joint_sum", "insights")), null);
            yield break;
        }
        var coverage = pipelines.ToDictionary(p => p, p => Mean(summhay, p, m => m.Contains("coverage", StringComparison.Ordinal)));
        var citation = pipelines.ToDictionary(p => p, p => Mean(summhay, p, m => m.Contains("citation", StringComparison.Ordinal)));
        var joint = pipelines.ToDictionary(p => p, p => Mean(summhay, p, m => m.Contains("joint", StringComparison.Ordinal)));
        bool noJudge = coverage.Values.All(v => v is null);
        yield return new BenchmarkAggregate(BenchmarkFamilies.SummHay, "coverage", "insight coverage (judge-scored)", coverage,
            noJudge ? "coverage is judge-scored: give a judge (MetricRegistry.Judge)" : null);
        yield return new BenchmarkAggregate(BenchmarkFamilies.SummHay, "citation", "citation score of covered insights", citation,
            noJudge ? "without a judge this is agentfw's citation F1 over the whole summary, not SummHay's per-insight citation score" : null);
        yield return new BenchmarkAggregate(BenchmarkFamilies.SummHay, "joint", "coverage × citation per insight, averaged", joint,
            joint.Values.All(v => v is null) ? (noJudge ? "joint needs coverage, which is judge-scored: give a judge (MetricRegistry.Judge)" : "no joint metric in these rows") : null);
    }

    private static double? Mean(IEnumerable<CaseResult> rows, string pipeline, Func<string, bool> metric)
    {
        var values = rows.Where(r => r.Pipeline == pipeline).SelectMany(r => r.Scores).Where(s => metric(s.Metric)).Select(s => s.Value).ToList();
        return values.Count == 0 ? null : values.Average() * 100;
    }

    private static double? Component(IEnumerable<CaseResult> rows, string pipeline, string metric, string component)
    {
        var values = rows.Where(r => r.Pipeline == pipeline).SelectMany(r => r.Scores)
            .Where(s => s.Metric == metric && s.Components?.ContainsKey(component) == true).Select(s => s.Components![component]).ToList();
        return values.Count == 0 ? null : values.Average();
    }
}

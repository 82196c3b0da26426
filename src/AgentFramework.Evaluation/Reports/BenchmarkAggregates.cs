namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// The aggregates benchmarks print beside their per-task scores: L-Eval's closed-ended and open-ended averages (macro
/// over tasks), LongWriter's S_l, S_q (judge) and overall = (S_l + S_q) / 2 (THUDM/LongWriter), SummHay's coverage,
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

        if (byBenchmark.TryGetValue(BenchmarkFamilies.LEval, out var leval))
            foreach (var group in new[] { "closed-ended", "open-ended" })
            {
                var rows = leval.Where(r => r.Splits?.GetValueOrDefault("group") == group).ToList();
                if (rows.Count == 0) continue;
                aggregates.Add(new BenchmarkAggregate(BenchmarkFamilies.LEval, $"{group} average",
                    $"macro average over L-Eval's {group} tasks present ({string.Join(", ", rows.Select(SummaryBuilder.TaskOf).Distinct().Order())})",
                    pipelines.ToDictionary(p => p, p => Macro(rows.Where(r => r.Pipeline == p))), null));
            }

        if (byBenchmark.TryGetValue(BenchmarkFamilies.LongBenchWrite, out var write))
        {
            var sl = pipelines.ToDictionary(p => p, p => Mean(write, p, m => m == "length-score"));
            var sq = pipelines.ToDictionary(p => p, p => Mean(write, p, m => m.Contains("quality", StringComparison.Ordinal)));
            string? judgeNote = sq.Values.All(v => v is null) ? "S_q is judge-scored (LongWriter uses GPT-4o on six dimensions): give a judge model (MetricRegistry.Judge) for S_q and overall" : null;
            aggregates.Add(new BenchmarkAggregate(BenchmarkFamilies.LongBenchWrite, "S_l", "length score: 100·[1 − (l′/l − 1)/3] above the required l words, 100·[1 − (l/l′ − 1)/2] below", sl, null));
            aggregates.Add(new BenchmarkAggregate(BenchmarkFamilies.LongBenchWrite, "S_q", "quality score (judge-scored)", sq, judgeNote));
            aggregates.Add(new BenchmarkAggregate(BenchmarkFamilies.LongBenchWrite, "overall", "(S_l + S_q) / 2",
                pipelines.ToDictionary(p => p, p => sl[p] is { } l && sq[p] is { } q ? (l + q) / 2 : (double?)null), judgeNote));
        }

        if (byBenchmark.TryGetValue(BenchmarkFamilies.SummHay, out var summhay))
        {
            var coverage = pipelines.ToDictionary(p => p, p => Mean(summhay, p, m => m.Contains("coverage", StringComparison.Ordinal)));
            var citation = pipelines.ToDictionary(p => p, p => Mean(summhay, p, m => m.Contains("citation", StringComparison.Ordinal)));
            var joint = pipelines.ToDictionary(p => p, p => Mean(summhay, p, m => m.Contains("joint", StringComparison.Ordinal)));
            bool noJudge = coverage.Values.All(v => v is null);
            aggregates.Add(new BenchmarkAggregate(BenchmarkFamilies.SummHay, "coverage", "insight coverage (judge-scored)", coverage,
                noJudge ? "coverage is judge-scored: give a judge model (MetricRegistry.Judge)" : null));
            aggregates.Add(new BenchmarkAggregate(BenchmarkFamilies.SummHay, "citation", "citation score of covered insights", citation, null));
            aggregates.Add(new BenchmarkAggregate(BenchmarkFamilies.SummHay, "joint", "coverage × citation per insight, averaged", joint,
                joint.Values.All(v => v is null) ? (noJudge ? "joint needs coverage, which is judge-scored: give a judge model (MetricRegistry.Judge)" : "no joint metric in these rows") : null));
        }
        return aggregates;
    }

    private static double? Macro(IEnumerable<CaseResult> rows)
    {
        var average = SummaryBuilder.MacroAverage(rows);
        return average.Cases == 0 ? null : average.MeanScore;
    }

    private static double? Mean(IEnumerable<CaseResult> rows, string pipeline, Func<string, bool> metric)
    {
        var values = rows.Where(r => r.Pipeline == pipeline).SelectMany(r => r.Scores).Where(s => metric(s.Metric)).Select(s => s.Value).ToList();
        return values.Count == 0 ? null : values.Average() * 100;
    }
}

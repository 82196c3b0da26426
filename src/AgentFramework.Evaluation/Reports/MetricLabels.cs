using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// A metric's column label: as its <see cref="MetricDefinition"/> says the row's benchmark names it (LongBench's eval.py
/// scorer names, RULER's string_match_all, LongWriter's S_l, ...; <see cref="MetricDefinition.BenchmarkLabels"/>), so a
/// reader can match a column to the paper; a metric registered from outside brings its own. Judge-scored metrics say so;
/// a benchmark whose official metric needs a judge says when the table holds a deterministic stand-in instead.
/// </summary>
internal static class MetricLabels
{
    public static string Label(string? benchmark, string metric, bool judgeScored, MetricDefinitions? definitions = null)
    {
        var definition = (definitions ?? MetricDefinitions.Default).Find(metric);
        var label = definition?.LabelIn(benchmark) ?? metric;
        // LaRA's own metric is judge-scored accuracy: any other metric in its rows is a stand-in, said in the header.
        if (benchmark == BenchmarkFamilies.Lara && !judgeScored && definition?.BenchmarkLabels.ContainsKey(BenchmarkFamilies.Lara) != true)
            label = $"{label} (no judge: LaRA's own metric is judge-scored accuracy, give a judge model (MetricRegistry.Judge))";
        return judgeScored ? $"{label} ({MetricResult.JudgeScoredLabel})" : label;
    }
}

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// A metric's name as the benchmark's own report prints it (LongBench's eval.py scorer names, RULER's string_match_all,
/// LongWriter's S_l, ...), so a reader can match a column to the paper. Judge-scored metrics say so; a benchmark whose
/// official metric needs a judge says when the table holds the deterministic stand-in instead.
/// </summary>
internal static class MetricLabels
{
    private static readonly Dictionary<string, string> LongBench = new()
    {
        ["token-f1"] = "qa_f1_score", ["token-f1-zh"] = "qa_f1_zh_score", ["rouge-l"] = "rouge_score", ["rouge-l-zh"] = "rouge_zh_score",
        ["classification-score"] = "classification_score", ["retrieval-score"] = "retrieval_score", ["retrieval-zh-score"] = "retrieval_zh_score",
        ["count-score"] = "count_score", ["code-sim-score"] = "code_sim_score (fuzzywuzzy with python-Levenshtein)",
    };

    private static readonly Dictionary<string, string> LEval = new()
    {
        ["mc-accuracy"] = "exam accuracy", ["math-exact-match"] = "exam accuracy (final number)", ["string-match-part"] = "exam accuracy (answer match)",
        ["token-f1"] = "F1", ["rouge-l"] = "ROUGE-L",
    };

    public static string Label(string? benchmark, string metric, bool judgeScored)
    {
        var label = benchmark switch
        {
            BenchmarkFamilies.LongBench or BenchmarkFamilies.LongBenchE => LongBench.GetValueOrDefault(metric),
            BenchmarkFamilies.LEval => LEval.GetValueOrDefault(metric),
            BenchmarkFamilies.LongBenchV2 when metric is "mc-accuracy" or "longbench-v2-accuracy" => "accuracy",
            BenchmarkFamilies.Ruler when metric is "string-match-all" or "string-match-part" => metric.Replace('-', '_'),
            BenchmarkFamilies.LongBenchWrite when metric == "length-score" => "S_l (length score)",
            BenchmarkFamilies.LongBenchWrite when metric == "longwriter-quality" => "S_q (quality score)",
            BenchmarkFamilies.Lara when metric == "judge-correctness" => "accuracy",
            BenchmarkFamilies.Lara when !judgeScored => $"{metric} (no judge: LaRA's own metric is judge-scored accuracy, give a judge model (MetricRegistry.Judge))",
            BenchmarkFamilies.SummHay when metric == "judge-coverage" => "coverage",
            BenchmarkFamilies.SummHay when metric.Contains("citation", StringComparison.Ordinal) => "citation",
            BenchmarkFamilies.SummHay when metric.Contains("joint", StringComparison.Ordinal) || metric == "summhay-insights" => "joint",
            _ => null,
        } ?? metric;
        return judgeScored ? $"{label} ({Metrics.MetricResult.JudgeScoredLabel})" : label;
    }
}

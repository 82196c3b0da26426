using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>Which implementation of fuzzywuzzy's fuzz.ratio a code-similarity score follows.</summary>
public enum FuzzRatioBackend
{
    /// <summary>fuzzywuzzy with python-Levenshtein (LongBench's requirements; the conformance pairs' <c>score</c>).</summary>
    Levenshtein,

    /// <summary>fuzzywuzzy's difflib fallback (a plain <c>pip install fuzzywuzzy</c>; the pairs' <c>score_difflib</c>).</summary>
    Difflib,
}

/// <summary>
/// LongBench's code_sim_score (lcc, repobench-p), ported from THUDM/LongBench @ 2e00731 LongBench/metrics.py: leading
/// '\n' of the prediction dropped, split on '\n', the first line containing none of '`', '#', "//" is compared with
/// the gold by fuzzywuzzy's fuzz.ratio / 100 (empty string when no line qualifies). fuzz.ratio is FuzzySharp's
/// (python-Levenshtein's ratio) by default, or difflib's (<see cref="FuzzRatioBackend"/>); reports name which.
/// Maximum over gold answers.
/// </summary>
public sealed class CodeSimScore(FuzzRatioBackend backend = FuzzRatioBackend.Levenshtein) : IMetric
{
    public const string MetricName = "code-sim-score";
    public const string DifflibMetricName = "code-sim-score-difflib";
    public string Name => backend == FuzzRatioBackend.Difflib ? DifflibMetricName : MetricName;
    public bool JudgeScored => false;

    public static double Score(string prediction, IEnumerable<string> goldAnswers, FuzzRatioBackend backend = FuzzRatioBackend.Levenshtein)
    {
        var line = FirstCodeLine(prediction);
        return goldAnswers.Select(gold => FuzzRatio(line, gold, backend) / 100.0).DefaultIfEmpty(0).Max();
    }

    /// <summary>fuzz.ratio(prediction, gold) with the chosen backend.</summary>
    public static int FuzzRatio(string prediction, string gold, FuzzRatioBackend backend)
    {
        if (backend == FuzzRatioBackend.Difflib) return DifflibRatio.FuzzRatio(prediction, gold);
        if (prediction == gold) return 100;
        if (prediction.Length == 0 || gold.Length == 0) return 0;
        // FuzzySharp compares UTF-16 units; Python compares code points, so text outside the BMP takes our code-point port.
        return HasSurrogates(prediction) || HasSurrogates(gold)
            ? LevenshteinRatio.FuzzRatio(prediction, gold)
            : FuzzySharp.Fuzz.Ratio(prediction, gold);
    }

    public static string FirstCodeLine(string prediction) =>
        prediction.TrimStart('\n').Split('\n')
            .FirstOrDefault(line => !line.Contains('`') && !line.Contains('#') && !line.Contains("//", StringComparison.Ordinal)) ?? "";

    private static bool HasSurrogates(string text) => text.Any(char.IsSurrogate);

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new MetricResult(Name, Score(prediction.Text, benchmarkCase.GoldAnswers, backend),
            Note: backend == FuzzRatioBackend.Difflib ? "fuzz.ratio via difflib" : "fuzz.ratio via python-Levenshtein"));
}

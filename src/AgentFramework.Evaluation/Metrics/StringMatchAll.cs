using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// RULER's string_match_all: the fraction of gold strings found (case-insensitive substring) in the prediction.
/// Used where every needle value must be recalled (multi-key, multi-value, multi-query, variable tracking, common words).
/// </summary>
public sealed class StringMatchAll : IMetric
{
    public const string MetricName = "string-match-all";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public static double Score(string prediction, IReadOnlyList<string> goldAnswers)
    {
        if (goldAnswers.Count == 0) return 0;
        var text = RulerPostprocess(prediction);
        return goldAnswers.Count(gold => text.Contains(gold, StringComparison.OrdinalIgnoreCase)) / (double)goldAnswers.Count;
    }

    /// <summary>RULER strips the prediction and turns control characters into newlines before matching.</summary>
    internal static string RulerPostprocess(string prediction) =>
        new string(prediction.Select(c => c < 0x20 ? '\n' : c).ToArray()).Trim();

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new MetricResult(Name, Score(prediction.Text, benchmarkCase.GoldAnswers)));
}

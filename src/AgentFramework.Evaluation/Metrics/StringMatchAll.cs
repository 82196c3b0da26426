using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// RULER's string_match_all, ported from NVIDIA/RULER @ c3f5e3b scripts/eval/synthetic/constants.py per sample: the
/// fraction of gold strings found in the prediction, both Python-<c>lower()</c>ed, after evaluate.py
/// <c>postprocess_pred</c>. Used where every needle value must be recalled (multi-key, multi-value, multi-query,
/// variable tracking, common words).
/// </summary>
public sealed class StringMatchAll : IMetric
{
    public const string MetricName = "string-match-all";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public static double Score(string prediction, IReadOnlyList<string> goldAnswers)
    {
        if (goldAnswers.Count == 0) return 0;
        var text = PythonText.Lower(RulerPostprocess(prediction));
        return goldAnswers.Count(gold => text.Contains(PythonText.Lower(gold), StringComparison.Ordinal)) / (double)goldAnswers.Count;
    }

    /// <summary>evaluate.py postprocess_pred: strip(), every character U+0000–U+001F becomes '\n', strip() again.</summary>
    internal static string RulerPostprocess(string prediction) =>
        PythonText.Strip(new string([.. PythonText.Strip(prediction).Select(c => c < 0x20 ? '\n' : c)]));

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new MetricResult(Name, Score(prediction.Text, benchmarkCase.GoldAnswers)));
}

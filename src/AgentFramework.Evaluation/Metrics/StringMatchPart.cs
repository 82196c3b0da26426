using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// RULER's string_match_part (NVIDIA/RULER @ c3f5e3b constants.py, per sample): 1 when any gold string occurs in the
/// post-processed prediction, both Python-<c>lower()</c>ed (<see cref="StringMatchAll"/>), else 0.
/// </summary>
public sealed class StringMatchPart : IMetric
{
    public const string MetricName = "string-match-part";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public static double Score(string prediction, IReadOnlyList<string> goldAnswers)
    {
        var text = PythonText.Lower(StringMatchAll.RulerPostprocess(prediction));
        return goldAnswers.Any(gold => text.Contains(PythonText.Lower(gold), StringComparison.Ordinal)) ? 1 : 0;
    }

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new MetricResult(Name, Score(prediction.Text, benchmarkCase.GoldAnswers)));
}

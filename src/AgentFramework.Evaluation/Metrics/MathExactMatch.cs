using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// L-Eval's gsm100 score: the final numbers of prediction and gold (<see cref="MathAnswerExtractor"/>) compared by
/// em.py's exact match (<see cref="LEvalScoring.ExactMatch"/>: float(pred) == float(gold), so "018" matches "18" and
/// "18" does not match "180"). Maximum over gold answers.
/// </summary>
public sealed class MathExactMatch : IMetric
{
    public const string MetricName = "math-exact-match";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public static double Score(string prediction, IEnumerable<string> goldAnswers)
    {
        var predicted = MathAnswerExtractor.Extract(prediction);
        return goldAnswers.Select(gold => LEvalScoring.ExactMatch(predicted, MathAnswerExtractor.Extract(gold))).DefaultIfEmpty(0).Max();
    }

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default)
    {
        double value = Score(prediction.Text, benchmarkCase.GoldAnswers);
        return ValueTask.FromResult(new MetricResult(Name, value, Note: $"extracted '{MathAnswerExtractor.Extract(prediction.Text)}'"));
    }
}

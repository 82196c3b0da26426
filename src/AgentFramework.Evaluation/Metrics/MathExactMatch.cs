using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// L-Eval's gsm100 score: the final numbers of prediction and gold (<see cref="MathAnswerExtractor"/>) are compared as
/// numbers (L-Eval compares float(pred) == float(gold)), so gold "18" does not match "180" and "018" matches "18".
/// A prediction or gold without a number scores 0. Maximum over gold answers.
/// </summary>
public sealed class MathExactMatch : IMetric
{
    public const string MetricName = "math-exact-match";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public static double Score(string prediction, IEnumerable<string> goldAnswers)
    {
        var predicted = CanonicalNumber(MathAnswerExtractor.Extract(prediction));
        return goldAnswers.Any(gold => predicted.Length > 0 && predicted == CanonicalNumber(MathAnswerExtractor.Extract(gold))) ? 1 : 0;
    }

    // The extracted answers are digit strings: numeric equality is string equality without leading zeros.
    private static string CanonicalNumber(string digits)
    {
        if (digits.Length == 0) return "";
        var trimmed = digits.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default)
    {
        double value = Score(prediction.Text, benchmarkCase.GoldAnswers);
        return ValueTask.FromResult(new MetricResult(Name, value, Note: $"extracted '{MathAnswerExtractor.Extract(prediction.Text)}'"));
    }
}

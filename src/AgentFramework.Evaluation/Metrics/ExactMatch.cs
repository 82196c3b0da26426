using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>1 when the normalised prediction equals a normalised gold answer (SQuAD/LongBench normalisation), else 0.</summary>
public sealed class ExactMatch : IMetric
{
    public const string MetricName = "exact-match";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public static double Score(string prediction, IEnumerable<string> goldAnswers)
    {
        var normalized = AnswerNormalizer.Normalize(prediction);
        return goldAnswers.Any(gold => AnswerNormalizer.Normalize(gold) == normalized) ? 1.0 : 0.0;
    }

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new MetricResult(Name, Score(prediction.Text, benchmarkCase.GoldAnswers)));
}

using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// LongBench's count_score (passage_count): the fraction of the numbers in the prediction that equal the gold count
/// ("There are 5 ... I counted 5" → 1; "5 or 6" → 0.5; no number → 0). Maximum over gold answers.
/// </summary>
public sealed class CountScore : IMetric
{
    public const string MetricName = "count-score";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public static double Score(string prediction, IEnumerable<string> goldAnswers) =>
        goldAnswers.Select(gold => NumberTokens.FractionEqualTo(prediction, gold)).DefaultIfEmpty(0).Max();

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new MetricResult(Name, Score(prediction.Text, benchmarkCase.GoldAnswers)));
}

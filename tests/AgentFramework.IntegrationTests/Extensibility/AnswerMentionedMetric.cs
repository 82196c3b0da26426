using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.IntegrationTests.Extensibility;

/// <summary>A metric written outside the framework: 1 when the prediction mentions any gold answer (ignoring case), else 0.</summary>
public sealed class AnswerMentionedMetric : IMetric
{
    public const string MetricName = "answer-mentioned";

    /// <summary>How reports head its column.</summary>
    public const string ReportLabel = "gold answer mentioned (test)";

    public static readonly MetricDefinition Definition =
        MetricDefinition.Deterministic(MetricName, "gold answer appears in the prediction (test metric)", () => new AnswerMentionedMetric()) with { Label = ReportLabel };

    public string Name => MetricName;

    public bool JudgeScored => false;

    public static bool Mentions(string prediction, IEnumerable<string> gold) =>
        gold.Any(g => prediction.Contains(g, StringComparison.OrdinalIgnoreCase));

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new MetricResult(Name, Mentions(prediction.Text, benchmarkCase.GoldAnswers) ? 1 : 0));
}

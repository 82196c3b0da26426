using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>Scores a prediction against a case's gold data. Deterministic metrics complete synchronously.</summary>
public interface IMetric
{
    /// <summary>The name cases list in <see cref="BenchmarkCase.Metrics"/> (e.g. "token-f1").</summary>
    string Name { get; }

    /// <summary>True when the score comes from a model judge.</summary>
    bool JudgeScored { get; }

    ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default);
}

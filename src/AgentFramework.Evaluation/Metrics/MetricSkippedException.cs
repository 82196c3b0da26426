namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// A metric that could not score a case and, as the benchmark's own scorer does, leaves it out instead of counting a
/// zero (LongWriter's eval_quality.py drops a sample whose judge replies never parse). The runner records the case
/// without this metric and says so on stderr and in the row's notices.
/// </summary>
public sealed class MetricSkippedException(string metric, string reason) : Exception($"{metric} skipped: {reason}")
{
    public string Metric { get; } = metric;

    /// <summary>The notice code recorded in the result row.</summary>
    public string NoticeCode => $"{Metric}_skipped";
}

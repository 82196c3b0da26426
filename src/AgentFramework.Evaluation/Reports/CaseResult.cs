using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// One line of results.jsonl: a pipeline's run on one case, its scores and what it cost.
/// <see cref="Score"/> is the case's primary metric (its first listed metric that was computed), used for tables,
/// plots and wins/ties/losses; every metric computed is in <see cref="Scores"/>.
/// </summary>
public sealed record CaseResult(
    string Dataset,
    string CaseId,
    string Pipeline,
    string LengthBucket,
    int? ContextTokens,
    string Prediction,
    IReadOnlyList<MetricResult> Scores,
    double Score,
    string ScoreMetric,
    long PromptTokens,
    long CompletionTokens,
    int ModelCalls,
    double WallSeconds,
    long PeakMemoryBytes,
    long TruncatedTokens,
    string? Error = null)
{
    public DateTimeOffset FinishedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>True when the primary score came from a model judge.</summary>
    public bool JudgeScored => Scores.Any(s => s.Metric == ScoreMetric && s.JudgeScored);

    /// <summary>What resume matches on: a case of a dataset run by a pipeline.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => ResultKey(Dataset, CaseId, Pipeline);

    public static string ResultKey(string dataset, string caseId, string pipeline) => $"{dataset}\u001f{caseId}\u001f{pipeline}";
}

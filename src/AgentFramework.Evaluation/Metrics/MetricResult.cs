namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// One metric's score for one case, in [0, 1]. <see cref="JudgeScored"/> marks scores that came from a model judge
/// rather than a deterministic formula; reports label them "judge-scored".
/// </summary>
/// <param name="Components">Sub-scores worth reporting (e.g. citation precision and recall next to F1).</param>
public sealed record MetricResult(string Metric, double Value, bool JudgeScored = false,
    IReadOnlyDictionary<string, double>? Components = null, string? Note = null)
{
    public const string JudgeScoredLabel = "judge-scored";
}

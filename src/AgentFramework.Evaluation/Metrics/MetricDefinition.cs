namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// A metric cases can name: its <paramref name="Name"/> (as in <see cref="Datasets.BenchmarkCase.Metrics"/>), what it
/// is as the benchmark's own code names it (repository @ commit, file: function) for report headers, and how to make
/// one. A judge-scored metric is made only when a judge is given, and gets that judge; the others get null.
/// </summary>
public sealed record MetricDefinition(string Name, string OfficialName, Func<IJudge?, IMetric> Create, bool JudgeScored = false)
{
    /// <summary>A deterministic metric.</summary>
    public static MetricDefinition Deterministic(string name, string officialName, Func<IMetric> create) => new(name, officialName, _ => create());

    /// <summary>A metric scored by a model judge.</summary>
    public static MetricDefinition Judged(string name, string officialName, Func<IJudge, IMetric> create) =>
        new(name, officialName, judge => create(judge ?? throw new ArgumentNullException(nameof(judge))), JudgeScored: true);
}

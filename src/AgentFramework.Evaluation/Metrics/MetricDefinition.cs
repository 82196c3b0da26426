namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// A metric cases can name: its <paramref name="Name"/> (as in <see cref="Datasets.BenchmarkCase.Metrics"/>), what it
/// is as the benchmark's own code names it (repository @ commit, file: function) for report headers, and how to make
/// one. A judge-scored metric is made only when a judge is given, and gets that judge; the others get null.
/// </summary>
public sealed record MetricDefinition(string Name, string OfficialName, Func<IJudge?, IMetric> Create, bool JudgeScored = false)
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    /// <summary>How a report heads this metric when no benchmark names it otherwise; null for its <see cref="Name"/>.</summary>
    public string? Label { get; init; }

    /// <summary>
    /// How each benchmark's own report names this metric, by the benchmark a result row belongs to
    /// (<see cref="Reports.BenchmarkFamilies"/>: LongBench's eval.py calls token-f1 "qa_f1_score"), so a reader can match a
    /// column to the paper.
    /// </summary>
    public IReadOnlyDictionary<string, string> BenchmarkLabels { get; init; } = NoLabels;

    /// <summary>The report label of this metric in <paramref name="benchmark"/>'s rows.</summary>
    public string LabelIn(string? benchmark) =>
        benchmark is not null && BenchmarkLabels.TryGetValue(benchmark, out var label) ? label : Label ?? Name;

    /// <summary>This definition with <paramref name="labels"/> (benchmark, label) added to <see cref="BenchmarkLabels"/>.</summary>
    public MetricDefinition LabelledIn(params (string Benchmark, string Label)[] labels)
    {
        var all = new Dictionary<string, string>(BenchmarkLabels, StringComparer.Ordinal);
        foreach (var (benchmark, label) in labels) all[benchmark] = label;
        return this with { BenchmarkLabels = all };
    }

    /// <summary>A deterministic metric.</summary>
    public static MetricDefinition Deterministic(string name, string officialName, Func<IMetric> create) => new(name, officialName, _ => create());

    /// <summary>A metric scored by a model judge.</summary>
    public static MetricDefinition Judged(string name, string officialName, Func<IJudge, IMetric> create) =>
        new(name, officialName, judge => create(judge ?? throw new ArgumentNullException(nameof(judge))), JudgeScored: true);
}

using AgentFramework.Errors;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// Metric names → metrics, from the registered <see cref="MetricDefinitions"/> (<see cref="MetricDefinitions.Default"/>
/// unless given). Deterministic metrics are always available; judge-scored ones need an <see cref="IJudge"/>
/// (from --judge-model / --judge-endpoint), and asking for one without it is a user error that names the flag.
/// </summary>
public sealed class MetricRegistry(IJudge? judge = null, MetricDefinitions? definitions = null)
{
    private readonly MetricDefinitions _definitions = definitions ?? MetricDefinitions.Default;

    /// <summary>The deterministic metrics of <see cref="MetricDefinitions.Default"/>, in registration order.</summary>
    public static IReadOnlyList<string> DeterministicNames => [.. MetricDefinitions.Default.All.Where(d => !d.JudgeScored).Select(d => d.Name)];

    /// <summary>The judge-scored metrics of <see cref="MetricDefinitions.Default"/>.</summary>
    public static IReadOnlyList<string> JudgeNames => [.. MetricDefinitions.Default.All.Where(d => d.JudgeScored).Select(d => d.Name)];

    /// <summary>
    /// What each metric is, named as the benchmark's own code names it (repository @ commit, file: function), for
    /// report headers and method sections.
    /// </summary>
    public static IReadOnlyDictionary<string, string> OfficialNames =>
        MetricDefinitions.Default.All.ToDictionary(d => d.Name, d => d.OfficialName, StringComparer.Ordinal);

    /// <summary>The official name of <paramref name="metric"/>, or the name itself when it has none.</summary>
    public static string OfficialName(string metric) => MetricDefinitions.Default.Find(metric)?.OfficialName ?? metric;

    public static bool IsJudgeScored(string name) => MetricDefinitions.Default.Find(name)?.JudgeScored ?? false;

    /// <summary>The metric definitions this registry makes metrics from (and reports take labels from).</summary>
    public MetricDefinitions Definitions => _definitions;

    /// <summary>Whether judge-scored metrics can be computed; without a judge the runner leaves them out.</summary>
    public bool HasJudge => judge is not null;

    /// <summary>Whether this registry's metric <paramref name="name"/> is scored by a judge.</summary>
    public bool NeedsJudge(string name) => _definitions.Find(name)?.JudgeScored ?? false;

    public IMetric Get(string name)
    {
        var definition = _definitions.Find(name) ?? throw new InvalidOptionException("MetricRegistry.Get(name)",
            $"Unknown metric '{name}'. Known: {string.Join(", ", _definitions.All.OrderBy(d => d.JudgeScored).Select(d => d.Name))}.");
        if (definition.JudgeScored && judge is null)
            throw new InvalidOptionException("MetricRegistry.Judge",
                $"Metric '{name}' is judge-scored: pass a judge (MetricRegistry.Judge), or leave judge metrics out.");
        return definition.Create(judge);
    }
}

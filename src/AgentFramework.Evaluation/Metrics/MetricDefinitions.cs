using AgentFramework.Registration;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// The registered metrics by name (<see cref="MetricDefinition"/>); a later registration of a name replaces the earlier
/// one. A DI container has its own (<see cref="EvaluationServiceCollectionExtensions.AddMetric"/>); code without one (the
/// CLI's bench and score) uses <see cref="Default"/>: the built-ins (<see cref="BuiltInMetrics"/>) plus whatever is
/// registered on it.
/// </summary>
public sealed class MetricDefinitions
{
    private readonly RegistrationList<MetricDefinition> _definitions = new([]);

    public MetricDefinitions(IEnumerable<MetricDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        foreach (var definition in definitions) Register(definition);
    }

    public static MetricDefinitions Default { get; } = new(BuiltInMetrics.All);

    /// <summary>Every metric in registration order.</summary>
    public IReadOnlyList<MetricDefinition> All => _definitions.Items;

    /// <summary>Adds a metric, replacing one registered earlier under the same name.</summary>
    public MetricDefinitions Register(MetricDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrWhiteSpace(definition.Name);
        _definitions.AddOrReplace(definition, d => d.Name == definition.Name);
        return this;
    }

    public MetricDefinition? Find(string name) => _definitions.Items.FirstOrDefault(d => d.Name == name);
}

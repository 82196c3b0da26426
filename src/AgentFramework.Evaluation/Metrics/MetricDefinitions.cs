namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// The registered metrics by name (<see cref="MetricDefinition"/>); a later registration of a name replaces the earlier
/// one. A DI container has its own (<see cref="EvaluationServiceCollectionExtensions.AddMetric"/>); code without one (the
/// CLI's bench and score) uses <see cref="Default"/>: the built-ins (<see cref="BuiltInMetrics"/>) plus whatever is
/// registered on it.
/// </summary>
public sealed class MetricDefinitions
{
    private readonly Lock _gate = new();
    private MetricDefinition[] _definitions; // registration order; replaced, never mutated, so readers need no lock

    public MetricDefinitions(IEnumerable<MetricDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        _definitions = [];
        foreach (var definition in definitions) Register(definition);
    }

    public static MetricDefinitions Default { get; } = new(BuiltInMetrics.All);

    /// <summary>Every metric in registration order.</summary>
    public IReadOnlyList<MetricDefinition> All => _definitions;

    /// <summary>Adds a metric, replacing one registered earlier under the same name.</summary>
    public MetricDefinitions Register(MetricDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrWhiteSpace(definition.Name);
        lock (_gate)
        {
            int at = Array.FindIndex(_definitions, d => d.Name == definition.Name);
            _definitions = at < 0 ? [.. _definitions, definition] : [.. _definitions[..at], definition, .. _definitions[(at + 1)..]];
        }
        return this;
    }

    public MetricDefinition? Find(string name) => Array.Find(_definitions, d => d.Name == name);
}

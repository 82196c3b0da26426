using AgentFramework.Errors;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Agents;

/// <summary>One pipeline registered with <see cref="AgentFrameworkBuilder.AddPipeline{TPipeline}(string)"/>: its name (the service key).</summary>
public sealed record PipelineRegistration(string Name);

/// <summary>
/// The pipelines registered in the container, by name: lists them and resolves the keyed <see cref="IDocumentPipeline"/>
/// for a name (case-insensitively, as <c>--pipeline</c> values are matched). Nothing is constructed until asked for.
/// </summary>
public sealed class PipelineCatalog(IServiceProvider services, IEnumerable<PipelineRegistration> registrations)
{
    private readonly string[] _names = registrations.Select(r => r.Name).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Registered names in registration order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The registered spelling of <paramref name="name"/> (trimmed, any case), or null when no pipeline has it.</summary>
    public string? Find(string? name)
    {
        var trimmed = name?.Trim();
        return _names.FirstOrDefault(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase));
    }

    public bool Contains(string? name) => Find(name) is not null;

    /// <summary>The pipeline registered as <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOptionException">No pipeline has that name.</exception>
    public IDocumentPipeline Get(string name)
    {
        var key = Find(name)
            ?? throw new InvalidOptionException("PipelineNames", $"the {name} pipeline is not registered; available: {string.Join(", ", _names)}");
        return services.GetRequiredKeyedService<IDocumentPipeline>(key);
    }
}

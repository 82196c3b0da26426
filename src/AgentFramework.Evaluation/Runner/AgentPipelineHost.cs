using AgentFramework.Agents;
using AgentFramework.Agents.Execution;
using AgentFramework.Agents.MemoryStream;
using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Errors;
using AgentFramework.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Evaluation.Runner;

/// <summary>
/// The pipelines of AgentFramework.Agents wired for a benchmark on one model: one container from
/// <c>AddAgentFramework</c> (so every pipeline shares the model, chunker and budgets), ephemeral SQLite indexes for
/// retrieve-then-reason in a scratch folder, in-process memory for memory-stream, and each pipeline, looked up by name,
/// as an <see cref="IBenchmarkPipeline"/> over <see cref="IDocumentAgent"/>. Without a chat model only extractive runs.
/// </summary>
public sealed class AgentPipelineHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly TemporaryIndexFactory _indexes;

    private AgentPipelineHost(ServiceProvider provider, TemporaryIndexFactory indexes) => (_provider, _indexes) = (provider, indexes);

    /// <summary>Every built-in pipeline name a benchmark accepts (a host may hold more: see <see cref="Registered"/>).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. PipelineNames.Reading, PipelineNames.PlanThenWrite];

    public IDocumentAgent Agent => _provider.GetRequiredService<IDocumentAgent>();

    /// <summary>The pipeline names registered in this host's container, the built-in ones and any a caller added.</summary>
    public IReadOnlyList<string> Registered => Agent.Pipelines;

    /// <param name="pipelines">Adds or tunes pipelines on the container's <see cref="AgentFrameworkBuilder"/> (e.g. one of your own).</param>
    public static AgentPipelineHost Create(IChatClient? chat, ModelProfile? profile, IEmbeddingGenerator<string, Embedding<float>>? embeddings,
        string scratchFolder, Action<AgentFrameworkOptions>? configure = null,
        Action<MemoryStreamOptions>? configureMemory = null, Action<PlanThenWriteOptions>? configureWriting = null,
        Action<AgentFrameworkBuilder>? pipelines = null)
    {
        var indexes = new TemporaryIndexFactory(scratchFolder, embeddings);
        var services = new ServiceCollection();
        if (chat is not null) services.AddSingleton(chat); // owned by the caller, so not AddChatClient (the container would dispose it)
        if (profile is not null) services.AddSingleton(profile);
        if (embeddings is not null) services.AddSingleton(embeddings);
        services.AddSingleton<IChunkIndexFactory>(indexes);
        var builder = services.AddAgentFramework(configure);
        if (configureMemory is not null) builder.Configure(configureMemory);
        if (configureWriting is not null) builder.Configure(configureWriting);
        pipelines?.Invoke(builder);
        return new AgentPipelineHost(services.BuildServiceProvider(), indexes);
    }

    /// <summary>Reading pipelines by name with per-call options (e.g. a shared index).</summary>
    public IReadOnlyList<IBenchmarkPipeline> Pipelines(IEnumerable<string> names, PipelineRunOptions? options) =>
        names.Select(n => (IBenchmarkPipeline)new DocumentAgentPipeline(Agent, n, options)).ToList();

    /// <summary>Pipelines by name (see <see cref="Registered"/>); throws a user error naming --pipelines for unknown names or a missing model.</summary>
    public IReadOnlyList<IBenchmarkPipeline> Pipelines(IEnumerable<string> names)
    {
        var catalog = _provider.GetRequiredService<PipelineCatalog>();
        var pipelines = new List<IBenchmarkPipeline>();
        foreach (var name in Validate(names, hasModel: _provider.GetService<IChatClient>() is not null, catalog))
        {
            var key = catalog.Find(name)!;
            if (pipelines.Any(p => p.Name == key)) continue;
            pipelines.Add(new DocumentAgentPipeline(Agent, key, writes: catalog.Get(key).Supports(PipelineGoal.Write)));
        }
        return pipelines;
    }

    /// <summary>Checks built-in pipeline names before any work: unknown names and model pipelines without a model are user errors.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<string> names, bool hasModel) => Validate(names, hasModel, null);

    private static IReadOnlyList<string> Validate(IEnumerable<string> names, bool hasModel, PipelineCatalog? catalog)
    {
        var list = names.ToList();
        var known = catalog?.Names ?? Names;
        foreach (var name in list)
        {
            if (!known.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase))
                throw new InvalidOptionException("AgentPipelineHost.Pipelines", $"AgentPipelineHost.Pipelines: '{name}' is unknown; use {string.Join(", ", known)}");
            bool needsModel = catalog is null ? !string.Equals(name.Trim(), PipelineNames.Extractive, StringComparison.OrdinalIgnoreCase) : NeedsModel(catalog, name);
            if (!hasModel && needsModel)
                throw new ModelException("AgentPipelineHost.Pipelines", $"AgentPipelineHost.Pipelines {name} needs a model: pass a model (IChatClient), or use extractive");
        }
        return list;
    }

    // A pipeline that cannot be built without a model (plan-then-write) says so by refusing to be built.
    private static bool NeedsModel(PipelineCatalog catalog, string name)
    {
        try { return catalog.Get(name).NeedsModel; }
        catch (ModelException) { return true; }
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync().ConfigureAwait(false);
        await _indexes.DisposeAsync().ConfigureAwait(false);
    }
}

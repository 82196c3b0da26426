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
/// The pipelines of AgentFramework.Agents wired for a benchmark on one model: one service provider (so every pipeline
/// shares the model, chunker and budgets), ephemeral SQLite indexes for retrieve-then-reason in a scratch folder,
/// in-process memory for memory-stream, and <see cref="IBenchmarkPipeline"/> adapters: the reading pipelines through
/// <see cref="IDocumentAgent"/>, plan-then-write for writing cases. Without a chat model only extractive runs.
/// </summary>
public sealed class AgentPipelineHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly TemporaryIndexFactory _indexes;

    private AgentPipelineHost(ServiceProvider provider, TemporaryIndexFactory indexes) => (_provider, _indexes) = (provider, indexes);

    /// <summary>Every pipeline name a benchmark accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. PipelineKinds.Names, PlanThenWritePipeline.Name];

    public IDocumentAgent Agent => _provider.GetRequiredService<IDocumentAgent>();

    public static AgentPipelineHost Create(IChatClient? chat, ModelProfile? profile, IEmbeddingGenerator<string, Embedding<float>>? embeddings,
        string scratchFolder, Action<AgentFrameworkOptions>? configure = null,
        Action<MemoryStreamOptions>? configureMemory = null, Action<PlanThenWriteOptions>? configureWriting = null)
    {
        var indexes = new TemporaryIndexFactory(scratchFolder, embeddings);
        var services = new ServiceCollection();
        if (chat is not null) services.AddSingleton(chat);
        if (profile is not null) services.AddSingleton(profile);
        if (embeddings is not null) services.AddSingleton(embeddings);
        services.AddSingleton<IChunkIndexFactory>(indexes);
        services.AddAgentFramework(configure);
        services.AddMemoryStreamPipeline(memoryDatabase: null, configureMemory);
        if (chat is not null) services.AddPlanThenWrite(configureWriting);
        return new AgentPipelineHost(services.BuildServiceProvider(), indexes);
    }

    public IReadOnlyList<IBenchmarkPipeline> Pipelines(IEnumerable<PipelineKind> kinds, PipelineRunOptions? options = null) =>
        kinds.Select(k => (IBenchmarkPipeline)new DocumentAgentPipeline(Agent, k, options)).ToList();

    /// <summary>Pipelines by name (see <see cref="Names"/>); throws a user error naming --pipelines for unknown names or a missing model.</summary>
    public IReadOnlyList<IBenchmarkPipeline> Pipelines(IEnumerable<string> names)
    {
        var pipelines = new List<IBenchmarkPipeline>();
        foreach (var name in Validate(names, hasModel: _provider.GetService<IChatClient>() is not null))
        {
            if (pipelines.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))) continue;
            pipelines.Add(PipelineKinds.TryParse(name, out var kind)
                ? new DocumentAgentPipeline(Agent, kind)
                : new PlanThenWriteBenchmarkPipeline(_provider.GetRequiredService<PlanThenWritePipeline>()));
        }
        return pipelines;
    }

    /// <summary>Checks pipeline names before any work: unknown names and model pipelines without a model are user errors.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<string> names, bool hasModel)
    {
        var list = names.ToList();
        foreach (var name in list)
        {
            bool isKind = PipelineKinds.TryParse(name, out var kind);
            if (!isKind && !Names.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new InvalidOptionException("AgentPipelineHost.Pipelines", $"AgentPipelineHost.Pipelines: '{name}' is unknown; use {string.Join(", ", Names)}");
            if (!hasModel && !(isKind && kind == PipelineKind.Extractive))
                throw new ModelException("AgentPipelineHost.Pipelines", $"AgentPipelineHost.Pipelines {name} needs a model: pass a model (IChatClient), or use extractive");
        }
        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync().ConfigureAwait(false);
        _indexes.Dispose();
    }
}

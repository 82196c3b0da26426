using AgentFramework.Agents;
using AgentFramework.Agents.Execution;
using AgentFramework.Agents.MemoryStream;
using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Errors;
using AgentFramework.Models;
using AgentFramework.Plugins.Kernels;
using AgentFramework.Retrieval.Memory;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Evaluation.Runner;

/// <summary>
/// The reading pipelines of AgentFramework.Agents wired for a benchmark on one model: one service provider (so every
/// pipeline shares the model, chunker and budgets), ephemeral SQLite indexes for retrieve-then-reason in a scratch
/// folder, and <see cref="IBenchmarkPipeline"/> adapters for the reading pipelines, memory-stream and plan-then-write.
/// Without a chat model only the extractive pipeline runs.
/// </summary>
public sealed class AgentPipelineHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly TemporaryIndexFactory _indexes;

    private AgentPipelineHost(ServiceProvider provider, TemporaryIndexFactory indexes) => (_provider, _indexes) = (provider, indexes);

    public IDocumentAgent Agent => _provider.GetRequiredService<IDocumentAgent>();

    public static AgentPipelineHost Create(IChatClient? chat, ModelProfile? profile, IEmbeddingGenerator<string, Embedding<float>>? embeddings,
        string scratchFolder, Action<AgentFrameworkOptions>? configure = null)
    {
        var indexes = new TemporaryIndexFactory(scratchFolder, embeddings);
        var services = new ServiceCollection();
        if (chat is not null) services.AddSingleton(chat);
        if (profile is not null) services.AddSingleton(profile);
        if (embeddings is not null) services.AddSingleton(embeddings);
        services.AddSingleton<IChunkIndexFactory>(indexes);
        services.AddAgentFramework(configure);
        return new AgentPipelineHost(services.BuildServiceProvider(), indexes);
    }

    /// <summary>Every pipeline name a benchmark accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. PipelineKinds.Names, MemoryStreamPipeline.Name, PlanThenWritePipeline.Name];

    public IReadOnlyList<IBenchmarkPipeline> Pipelines(IEnumerable<PipelineKind> kinds, PipelineRunOptions? options = null) =>
        kinds.Select(k => (IBenchmarkPipeline)new DocumentAgentPipeline(Agent, k, options)).ToList();

    /// <summary>Pipelines by name (see <see cref="Names"/>); throws a user error naming --pipelines for unknown names or a missing model.</summary>
    public IReadOnlyList<IBenchmarkPipeline> Pipelines(IEnumerable<string> names, MemoryStreamOptions? memoryOptions = null, PlanThenWriteOptions? writingOptions = null)
    {
        var chat = _provider.GetService<IChatClient>();
        var profile = _provider.GetService<ModelProfile>() ?? ModelProfile.Default;
        var pipelines = new List<IBenchmarkPipeline>();
        foreach (var name in Validate(names, hasModel: chat is not null))
        {
            bool isKind = PipelineKinds.TryParse(name, out var kind);
            if (pipelines.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))) continue;
            pipelines.Add(isKind ? new DocumentAgentPipeline(Agent, kind)
                : string.Equals(name, MemoryStreamPipeline.Name, StringComparison.OrdinalIgnoreCase)
                    ? new MemoryStreamBenchmarkPipeline(new MemoryStreamPipeline(KernelFactory.Create(chat!), Embeddings, _memory, profile, memoryOptions ?? new()),
                        profile.TokenCounter, ChunkTokens(profile))
                    : new PlanThenWriteBenchmarkPipeline(new PlanThenWritePipeline(KernelFactory.Create(chat!), profile, writingOptions ?? new())));
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
                throw new InvalidOptionException("--pipelines", $"--pipelines: '{name}' is unknown; use {string.Join(", ", Names)}");
            if (!hasModel && !(isKind && kind == PipelineKind.Extractive))
                throw new ModelException("--pipelines", $"--pipelines {name} needs a model: pass --model DIR or --endpoint URL, or use extractive");
        }
        return list;
    }

    // Memory-stream observes one chunk per call: a quarter of the window leaves room for its notes, summary and output.
    private static int ChunkTokens(ModelProfile profile) => Math.Clamp(profile.ContextLength / 4, 128, 2048);

    private IEmbeddingGenerator<string, Embedding<float>> Embeddings => _provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

    private readonly InMemoryMemoryStore _memory = new();

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync().ConfigureAwait(false);
        _indexes.Dispose();
    }
}

using AgentFramework.Agents;
using AgentFramework.Agents.Execution;
using AgentFramework.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Evaluation.Runner;

/// <summary>
/// The reading pipelines of AgentFramework.Agents wired for a benchmark on one model: one service provider (so every
/// pipeline shares the model, chunker and budgets), ephemeral SQLite indexes for retrieve-then-reason in a scratch
/// folder, and <see cref="IBenchmarkPipeline"/> adapters. Without a chat model only the extractive pipeline runs.
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

    public IReadOnlyList<IBenchmarkPipeline> Pipelines(IEnumerable<PipelineKind> kinds, PipelineRunOptions? options = null) =>
        kinds.Select(k => (IBenchmarkPipeline)new DocumentAgentPipeline(Agent, k, options)).ToList();

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync().ConfigureAwait(false);
        _indexes.Dispose();
    }
}

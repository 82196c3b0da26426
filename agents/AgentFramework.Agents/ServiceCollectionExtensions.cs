using AgentFramework.Agents.ChainOfAgents;
using AgentFramework.Agents.Chunking;
using AgentFramework.Agents.Execution;
using AgentFramework.Agents.Extractive;
using AgentFramework.Agents.FullContext;
using AgentFramework.Agents.RetrieveThenReason;
using AgentFramework.Agents.Tools;
using AgentFramework.Documents;
using AgentFramework.Models;
using AgentFramework.Retrieval.Embeddings;
using AgentFramework.Plugins.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentFramework.Agents;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDocumentAgent"/> with every reading pipeline (memory-stream with in-process memory; call
    /// <see cref="LongformServiceCollectionExtensions.AddMemoryStreamPipeline"/> to keep memories in a database) and
    /// <see cref="PlanThenWrite.PlanThenWritePipeline"/> for long-form writing. Register an <see cref="IChatClient"/> and its
    /// <see cref="ModelProfile"/> for the model pipelines (without them only the extractive one runs); an
    /// <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> and an <see cref="IChunkIndexFactory"/> replace the defaults.
    /// </summary>
    public static IServiceCollection AddAgentFramework(this IServiceCollection services, Action<AgentFrameworkOptions>? configure = null)
    {
        var options = services.AddOptions<AgentFrameworkOptions>();
        if (configure is not null) options.Configure(configure);

        services.TryAddSingleton(sp => new PromptLibrary(sp.GetRequiredService<IOptions<AgentFrameworkOptions>>().Value.PromptsDirectory));
        services.TryAddSingleton(sp => new PipelineModel(sp.GetRequiredService<PromptLibrary>(), sp.GetService<ModelProfile>(), sp.GetService<IChatClient>()));
        services.TryAddSingleton<IDocumentChunker, DocumentChunker>();
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ => new HashingEmbeddingGenerator());
        services.TryAddSingleton<IChunkIndexFactory>(sp => new TemporarySqliteIndexFactory(sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>()));

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadingPipeline, ChainOfAgentsPipeline>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadingPipeline, RetrieveThenReasonPipeline>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadingPipeline, FullContextPipeline>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadingPipeline, ExtractivePipeline>());
        services.TryAddSingleton<IDocumentAgent, DocumentAgent>();
        services.AddMemoryStreamPipeline();
        services.AddPlanThenWrite();

        // The pipelines as tools for a user's own agent (Semantic Kernel plugin / Microsoft.Extensions.AI functions).
        services.AddDocumentLoading();
        services.AddOptions<DocumentToolsOptions>();
        services.TryAddSingleton(sp => new DocumentTools(sp.GetRequiredService<IDocumentAgent>(), sp.GetRequiredService<IDocumentLoader>(),
            sp.GetRequiredService<PipelineModel>(), sp, sp.GetRequiredService<IOptions<DocumentToolsOptions>>().Value));
        return services;
    }
}

using AgentFramework.Agents.ChainOfAgents;
using AgentFramework.Agents.Chunking;
using AgentFramework.Agents.Execution;
using AgentFramework.Agents.Extractive;
using AgentFramework.Agents.FullContext;
using AgentFramework.Agents.MemoryStream;
using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Agents.RetrieveThenReason;
using AgentFramework.Agents.Tools;
using AgentFramework.Documents;
using AgentFramework.Models;
using AgentFramework.Retrieval.Embeddings;
using AgentFramework.Retrieval.Memory;
using AgentFramework.Retrieval.Stores;
using AgentFramework.Plugins.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentFramework.Agents;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDocumentAgent"/> and every built-in pipeline as a keyed <see cref="IDocumentPipeline"/>
    /// (<see cref="PipelineNames"/>: chain-of-agents, retrieve-then-reason, full-context, extractive, memory-stream with
    /// in-process memory, plan-then-write), each with its own validated options. Register the model the
    /// Microsoft.Extensions.AI way (<c>services.AddChatClient(backend).UseUsageAccounting().UseCallCache(cache).UseRetry()</c>)
    /// and its <see cref="ModelProfile"/> (without them only extractive runs); an
    /// <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> and an <see cref="IChunkIndexFactory"/> replace the defaults.
    /// Returns a builder to add pipelines of your own.
    /// </summary>
    /// <param name="configure">Prompt overrides and the built-in reading pipelines' budgets (the same options as
    /// <see cref="AgentFrameworkBuilder.Configure{TOptions}"/> on each pipeline's options type).</param>
    public static AgentFrameworkBuilder AddAgentFramework(this IServiceCollection services, Action<AgentFrameworkOptions>? configure = null)
    {
        var builder = new AgentFrameworkBuilder(services);
        var options = services.AddOptions<AgentFrameworkOptions>();
        if (configure is not null) options.Configure(configure);
        // Registered once: a second AddAgentFramework (e.g. a library and its host) only adds its configuration.
        if (services.Any(d => d.ServiceType == typeof(PipelineCatalog))) return builder;

        services.TryAddSingleton(sp => new PromptLibrary(sp.GetRequiredService<IOptions<AgentFrameworkOptions>>().Value.PromptsDirectory));
        services.TryAddSingleton(sp => new PipelineModel(sp.GetRequiredService<PromptLibrary>(), sp.GetService<ModelProfile>(), sp.GetService<IChatClient>()));
        services.TryAddSingleton<IDocumentChunker, DocumentChunker>();
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ => new HashingEmbeddingGenerator());
        services.AddChunkIndexProviders(); // stores by location; a store a user registers is opened by the same registry
        services.TryAddSingleton<IChunkIndexFactory>(sp => new TemporarySqliteIndexFactory(
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), sp.GetRequiredService<ChunkIndexProviders>()));
        services.TryAddSingleton<IMemoryStore, InMemoryMemoryStore>();
        services.TryAddSingleton<PipelineCatalog>();
        services.TryAddSingleton<IDocumentAgent, DocumentAgent>();

        // The budgets set through AgentFrameworkOptions are the defaults of each pipeline's own options.
        FromShortcut<ChainOfAgentsOptions>(services, o => o.ChainOfAgents);
        FromShortcut<RetrieveThenReasonOptions>(services, o => o.RetrieveThenReason);
        FromShortcut<FullContextOptions>(services, o => o.FullContext);
        FromShortcut<ExtractiveOptions>(services, o => o.Extractive);

        builder.AddPipeline<ChainOfAgentsPipeline, ChainOfAgentsOptions>(PipelineNames.ChainOfAgents, validate: PipelineOptionsRules.Check);
        builder.AddPipeline<RetrieveThenReasonPipeline, RetrieveThenReasonOptions>(PipelineNames.RetrieveThenReason, validate: PipelineOptionsRules.Check);
        builder.AddPipeline<FullContextPipeline, FullContextOptions>(PipelineNames.FullContext, validate: PipelineOptionsRules.Check);
        builder.AddPipeline<ExtractivePipeline, ExtractiveOptions>(PipelineNames.Extractive, validate: PipelineOptionsRules.Check);
        builder.AddPipelineOptions<MemoryStreamOptions>(null, PipelineOptionsRules.Check);
        builder.AddPipeline(PipelineNames.MemoryStream, sp => new MemoryStreamPipeline(sp.GetRequiredService<PipelineModel>(), sp.GetRequiredService<IDocumentChunker>(),
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), sp.GetRequiredService<IMemoryStore>(),
            sp.GetRequiredService<IOptions<MemoryStreamOptions>>(), sp.GetService<ILogger<MemoryStreamPipeline>>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<MemoryStreamOptions>>().Value);
        // The typed memory facade (AskAsync/SummarizeAsync returning MemoryStreamResult), the same instance the agent runs.
        services.TryAddTransient(sp => (MemoryStreamPipeline)sp.GetRequiredKeyedService<IDocumentPipeline>(PipelineNames.MemoryStream));
        builder.AddPipelineOptions<PlanThenWriteOptions>(null, PipelineOptionsRules.Check);
        builder.AddPipeline(PipelineNames.PlanThenWrite, sp =>
        {
            var model = sp.GetRequiredService<PipelineModel>();
            if (!model.HasChatModel)
                throw new Errors.ModelException("IChatClient", "plan-then-write needs a model: pass a model (IChatClient)");
            return new PlanThenWritePipeline(model.Caller(PipelineNames.PlanThenWrite), model.Profile,
                sp.GetRequiredService<IOptions<PlanThenWriteOptions>>().Value, sp.GetService<ILogger<PlanThenWritePipeline>>());
        });
        // The typed writing facade, for callers that want WritingResult without going through the agent.
        services.TryAddTransient(sp => (PlanThenWritePipeline)sp.GetRequiredKeyedService<IDocumentPipeline>(PipelineNames.PlanThenWrite));

        // The pipelines as tools for a user's own agent (Semantic Kernel plugin / Microsoft.Extensions.AI functions).
        services.AddDocumentLoading();
        services.AddOptions<DocumentToolsOptions>();
        services.TryAddSingleton(sp => new DocumentTools(sp.GetRequiredService<IDocumentAgent>(), sp.GetRequiredService<IDocumentLoader>(),
            sp.GetRequiredService<PipelineModel>(), sp.GetRequiredService<IOptions<DocumentToolsOptions>>().Value));
        return builder;
    }

    private static void FromShortcut<TOptions>(IServiceCollection services, Func<AgentFrameworkOptions, TOptions> section) where TOptions : class =>
        services.AddOptions<TOptions>().Configure<IOptions<AgentFrameworkOptions>>((target, framework) => OptionsCopy.Into(section(framework.Value), target));
}

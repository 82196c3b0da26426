using AgentFramework.Agents.Execution;
using AgentFramework.Agents.MemoryStream;
using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Retrieval.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentFramework.Agents;

/// <summary>Registers the memory-stream reading pipeline and the plan-then-write pipeline next to <c>AddAgentFramework</c>.</summary>
public static class LongformServiceCollectionExtensions
{
    /// <summary>
    /// Adds <c>--pipeline memory-stream</c> to <see cref="IDocumentAgent"/> (<c>AddAgentFramework</c> already adds it with
    /// in-process memory; call this to keep memories in a database or to set its options). Memory
    /// is kept in <paramref name="memoryDatabase"/> (SQLite; may be the same file as a SqliteChunkIndex, the tables are
    /// separate) so later questions skip reading; without it, in process memory only, unless an <see cref="IMemoryStore"/>
    /// is registered.
    /// </summary>
    public static IServiceCollection AddMemoryStreamPipeline(this IServiceCollection services, string? memoryDatabase = null,
        Action<MemoryStreamOptions>? configure = null)
    {
        services.AddOptions<MemoryStreamOptions>();
        if (configure is not null) services.Configure(configure);
        // A named database replaces the in-process default that AddAgentFramework registers.
        if (memoryDatabase is not null) services.Replace(ServiceDescriptor.Singleton<IMemoryStore>(new SqliteMemoryStore(memoryDatabase)));
        else services.TryAddSingleton<IMemoryStore, InMemoryMemoryStore>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<MemoryStreamOptions>>().Value);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadingPipeline, MemoryStreamReadingPipeline>());
        return services;
    }

    /// <summary>Adds <see cref="PlanThenWritePipeline"/> over the registered chat model (needs <c>AddAgentFramework</c> and an IChatClient).</summary>
    public static IServiceCollection AddPlanThenWrite(this IServiceCollection services, Action<PlanThenWriteOptions>? configure = null)
    {
        services.AddOptions<PlanThenWriteOptions>();
        if (configure is not null) services.Configure(configure);
        services.TryAddTransient(sp =>
        {
            var model = sp.GetRequiredService<PipelineModel>();
            if (!model.HasChatModel)
                throw new Errors.ModelException("IChatClient", "plan-then-write needs a model: pass a model (IChatClient)");
            return new PlanThenWritePipeline(new PromptCaller(PipelineModel.CreateKernel(sp.GetRequiredService<Microsoft.Extensions.AI.IChatClient>()), model.Prompts, model.Profile), model.Profile,
                sp.GetRequiredService<IOptions<PlanThenWriteOptions>>().Value,
                sp.GetService<Microsoft.Extensions.Logging.ILogger<PlanThenWritePipeline>>());
        });
        return services;
    }
}

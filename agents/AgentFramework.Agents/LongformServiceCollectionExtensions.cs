using AgentFramework.Agents.MemoryStream;
using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Retrieval.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentFramework.Agents;

/// <summary>Settings of the memory-stream and plan-then-write pipelines that <c>AddAgentFramework</c> registers.</summary>
public static class LongformServiceCollectionExtensions
{
    /// <summary>
    /// Keeps memory-stream's memory in <paramref name="memoryDatabase"/> (SQLite; may be the same file as a
    /// SqliteChunkIndex, the tables are separate) so later questions skip reading, and/or sets its options.
    /// <c>AddAgentFramework</c> already registers the pipeline with in-process memory.
    /// </summary>
    public static IServiceCollection AddMemoryStreamPipeline(this IServiceCollection services, string? memoryDatabase = null,
        Action<MemoryStreamOptions>? configure = null)
    {
        services.AddAgentFramework();
        if (configure is not null) services.Configure(configure);
        // A named database replaces the in-process default.
        if (memoryDatabase is not null) services.Replace(ServiceDescriptor.Singleton<IMemoryStore>(new SqliteMemoryStore(memoryDatabase)));
        return services;
    }

    /// <summary>Sets plan-then-write's options (<c>AddAgentFramework</c> already registers the pipeline; it needs an IChatClient).</summary>
    public static IServiceCollection AddPlanThenWrite(this IServiceCollection services, Action<PlanThenWriteOptions>? configure = null)
    {
        services.AddAgentFramework();
        if (configure is not null) services.Configure(configure);
        return services;
    }
}

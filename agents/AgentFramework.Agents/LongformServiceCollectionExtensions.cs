using AgentFramework.Agents.MemoryStream;
using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Models;
using AgentFramework.Retrieval.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentFramework.Agents;

/// <summary>
/// Registers the memory-stream and plan-then-write pipelines. They resolve a <c>Kernel</c> (whose chat client is the
/// model), a <see cref="ModelProfile"/> and, for memory-stream, an <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>
/// and an <see cref="IMemoryStore"/> (in-memory unless one is registered, e.g. a <see cref="SqliteMemoryStore"/> on the
/// index file). <see cref="ModelProfile.Default"/> is used when no profile is registered.
/// </summary>
public static class LongformServiceCollectionExtensions
{
    public static IServiceCollection AddMemoryStreamPipeline(this IServiceCollection services, Action<MemoryStreamOptions>? configure = null)
    {
        services.AddOptions<MemoryStreamOptions>();
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton<IMemoryStore, InMemoryMemoryStore>();
        services.TryAddTransient(sp => new MemoryStreamPipeline(
            sp.GetRequiredService<Microsoft.SemanticKernel.Kernel>(),
            sp.GetRequiredService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>(),
            sp.GetRequiredService<IMemoryStore>(),
            sp.GetService<ModelProfile>() ?? ModelProfile.Default,
            sp.GetRequiredService<IOptions<MemoryStreamOptions>>().Value,
            sp.GetService<Microsoft.Extensions.Logging.ILogger<MemoryStreamPipeline>>()));
        return services;
    }

    public static IServiceCollection AddPlanThenWrite(this IServiceCollection services, Action<PlanThenWriteOptions>? configure = null)
    {
        services.AddOptions<PlanThenWriteOptions>();
        if (configure is not null) services.Configure(configure);
        services.TryAddTransient(sp => new PlanThenWritePipeline(
            sp.GetRequiredService<Microsoft.SemanticKernel.Kernel>(),
            sp.GetService<ModelProfile>() ?? ModelProfile.Default,
            sp.GetRequiredService<IOptions<PlanThenWriteOptions>>().Value,
            sp.GetService<Microsoft.Extensions.Logging.ILogger<PlanThenWritePipeline>>()));
        return services;
    }
}

using AgentFramework.Registration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentFramework.Retrieval.Stores;

/// <summary>Registers chunk stores: a new kind of store joins with one <see cref="AddChunkIndexProvider{TProvider}"/>.</summary>
public static class ChunkIndexServiceCollectionExtensions
{
    /// <summary>The built-in stores and the container's <see cref="ChunkIndexProviders"/> registry (idempotent).</summary>
    public static IServiceCollection AddChunkIndexProviders(this IServiceCollection services) =>
        // The built-ins are listed once, in ChunkIndexProviders.BuiltIn (one instance descriptor per provider type).
        services.AddRegistry(ChunkIndexProviders.BuiltIn(), providers => new ChunkIndexProviders(providers));

    /// <summary>Adds a store provider, asked before the built-ins and every provider added earlier.</summary>
    public static IServiceCollection AddChunkIndexProvider<TProvider>(this IServiceCollection services)
        where TProvider : class, IChunkIndexProvider
    {
        services.AddChunkIndexProviders();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChunkIndexProvider, TProvider>());
        return services;
    }

    /// <summary>Adds a store provider instance, asked before the built-ins and every provider added earlier.</summary>
    public static IServiceCollection AddChunkIndexProvider(this IServiceCollection services, IChunkIndexProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        services.AddChunkIndexProviders();
        services.AddSingleton(provider);
        return services;
    }
}

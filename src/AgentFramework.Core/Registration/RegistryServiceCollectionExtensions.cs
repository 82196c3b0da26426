using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentFramework.Registration;

/// <summary>The container side of an open registry whose entries are services (chunk stores, failure classifiers).</summary>
internal static class RegistryServiceCollectionExtensions
{
    /// <summary>
    /// Registers each built-in entry once (one descriptor per implementation type, so calling it again adds nothing) and
    /// the container's <typeparamref name="TRegistry"/>, built from every registered entry in registration order.
    /// </summary>
    public static IServiceCollection AddRegistry<TEntry, TRegistry>(this IServiceCollection services, IEnumerable<TEntry> builtIns,
        Func<IEnumerable<TEntry>, TRegistry> create)
        where TEntry : class
        where TRegistry : class
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var entry in builtIns)
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(TEntry), entry));
        services.TryAddSingleton(sp => create(sp.GetServices<TEntry>()));
        return services;
    }
}

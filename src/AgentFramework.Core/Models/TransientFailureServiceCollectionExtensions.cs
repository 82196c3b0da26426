using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentFramework.Models;

/// <summary>Registers transient-failure classifiers: a backend with its own exception types joins with one
/// <see cref="AddTransientFailureClassifier{TClassifier}"/>; <see cref="ModelMiddlewareExtensions.UseRetry"/> consults them.</summary>
public static class TransientFailureServiceCollectionExtensions
{
    /// <summary>The built-in classifier and the container's <see cref="TransientFailureClassifiers"/> registry (idempotent).</summary>
    public static IServiceCollection AddTransientFailureClassifiers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var classifier in TransientFailureClassifiers.BuiltIn())
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(ITransientFailureClassifier), classifier));
        services.TryAddSingleton(sp => new TransientFailureClassifiers(sp.GetServices<ITransientFailureClassifier>()));
        return services;
    }

    /// <summary>Adds a classifier, asked before the built-in and every classifier added earlier.</summary>
    public static IServiceCollection AddTransientFailureClassifier<TClassifier>(this IServiceCollection services)
        where TClassifier : class, ITransientFailureClassifier
    {
        services.AddTransientFailureClassifiers();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransientFailureClassifier, TClassifier>());
        return services;
    }

    /// <summary>Adds a classifier instance, asked before the built-in and every classifier added earlier.</summary>
    public static IServiceCollection AddTransientFailureClassifier(this IServiceCollection services, ITransientFailureClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        services.AddTransientFailureClassifiers();
        services.AddSingleton(classifier);
        return services;
    }
}

using AgentFramework.Registration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentFramework.Models;

/// <summary>Registers transient-failure classifiers: a backend with its own exception types joins with one
/// <see cref="AddTransientFailureClassifier{TClassifier}"/>; <see cref="ModelMiddlewareExtensions.UseRetry"/> consults them.</summary>
public static class TransientFailureServiceCollectionExtensions
{
    /// <summary>The built-in classifier and the container's <see cref="TransientFailureClassifiers"/> registry (idempotent).</summary>
    public static IServiceCollection AddTransientFailureClassifiers(this IServiceCollection services) =>
        services.AddRegistry(TransientFailureClassifiers.BuiltIn(), classifiers => new TransientFailureClassifiers(classifiers));

    /// <summary>Adds a classifier, asked before the built-in and every classifier added earlier.</summary>
    public static IServiceCollection AddTransientFailureClassifier<TClassifier>(this IServiceCollection services)
        where TClassifier : class, ITransientFailureClassifier
    {
        services.AddTransientFailureClassifiers().TryAddEnumerable(ServiceDescriptor.Singleton<ITransientFailureClassifier, TClassifier>());
        return services;
    }

    /// <summary>Adds a classifier instance, asked before the built-in and every classifier added earlier.</summary>
    public static IServiceCollection AddTransientFailureClassifier(this IServiceCollection services, ITransientFailureClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        return services.AddTransientFailureClassifiers().AddSingleton(classifier);
    }
}

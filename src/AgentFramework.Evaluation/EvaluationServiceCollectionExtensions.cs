using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentFramework.Evaluation;

/// <summary>
/// Registers benchmarks: a new dataset is one <see cref="AddDatasetProvider{TProvider}"/>, a new metric one
/// <see cref="AddMetric"/>. The container's <see cref="DatasetProviders"/> and <see cref="MetricDefinitions"/> hold the
/// built-ins plus these; resolve <see cref="DatasetProviders"/> for a <see cref="DatasetCatalog"/> and
/// <see cref="MetricDefinitions"/> for a <see cref="MetricRegistry"/>.
/// </summary>
public static class EvaluationServiceCollectionExtensions
{
    /// <summary>The built-in datasets and metrics and the container's registries of them (idempotent).</summary>
    public static IServiceCollection AddBenchmarkRegistries(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new DatasetProviders([.. DatasetProviders.BuiltIn(), .. sp.GetServices<IDatasetProvider>()]));
        services.TryAddSingleton(sp => new MetricDefinitions([.. BuiltInMetrics.All, .. sp.GetServices<MetricDefinition>()]));
        services.TryAddSingleton(sp => new PredictionScorers([.. PredictionScorers.BuiltIn(), .. sp.GetServices<PredictionScorer>()]));
        return services;
    }

    /// <summary>Adds a benchmark's datasets, asked before the built-ins and every provider added earlier.</summary>
    public static IServiceCollection AddDatasetProvider<TProvider>(this IServiceCollection services) where TProvider : class, IDatasetProvider
    {
        services.AddBenchmarkRegistries();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDatasetProvider, TProvider>());
        return services;
    }

    /// <summary>Adds a benchmark's prediction scorer (<c>agentfw score NAME</c>), asked before the built-ins.</summary>
    public static IServiceCollection AddPredictionScorer(this IServiceCollection services, PredictionScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        services.AddBenchmarkRegistries();
        services.AddSingleton(scorer);
        return services;
    }

    /// <summary>Adds a metric; one with a built-in's name replaces it.</summary>
    public static IServiceCollection AddMetric(this IServiceCollection services, MetricDefinition metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        services.AddBenchmarkRegistries();
        services.AddSingleton(metric);
        return services;
    }
}

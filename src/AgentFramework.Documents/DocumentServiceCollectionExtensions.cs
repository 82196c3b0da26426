using AgentFramework.Chunking;
using AgentFramework.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentFramework.Documents;

/// <summary>Registers document loading and chunking with the options pattern.</summary>
public static class DocumentServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IDocumentLoader"/> (configured by <see cref="DocumentLoaderOptions"/>) and a <see cref="Chunker"/>
    /// that counts with the registered <see cref="ITokenCounter"/> (cl100k_base when none is registered).
    /// </summary>
    public static IServiceCollection AddDocumentLoading(this IServiceCollection services, Action<DocumentLoaderOptions>? configure = null)
    {
        var options = services.AddOptions<DocumentLoaderOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton<IDocumentLoader>(sp => new DocumentLoader(sp.GetRequiredService<IOptions<DocumentLoaderOptions>>().Value));
        services.TryAddSingleton(sp => new Chunker(sp.GetService<ITokenCounter>()));
        return services;
    }
}

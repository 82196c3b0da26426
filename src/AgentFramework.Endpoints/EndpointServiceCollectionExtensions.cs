using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Models;

/// <summary>DI registration of an OpenAI-compatible endpoint as the model, the Microsoft.Extensions.AI way.</summary>
public static class EndpointServiceCollectionExtensions
{
    /// <summary>
    /// Registers the endpoint's chat client (<see cref="EndpointChatClientFactory.CreateChatClient(EndpointOptions)"/>) as
    /// the <see cref="IChatClient"/> and <see cref="OpenAIClientFailureClassifier"/> with the container's transient-failure
    /// classifiers. Returns the builder for the middleware:
    /// <c>services.AddEndpointChatClient(endpoint).UseUsageAccounting(profile.TokenCounter).UseCallCache(cache).UseRetry()</c>.
    /// </summary>
    public static ChatClientBuilder AddEndpointChatClient(this IServiceCollection services, EndpointOptions endpoint)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(endpoint);
        services.AddTransientFailureClassifier<OpenAIClientFailureClassifier>();
        return services.AddChatClient(_ => EndpointChatClientFactory.CreateChatClient(endpoint));
    }
}

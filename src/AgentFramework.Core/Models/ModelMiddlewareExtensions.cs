using AgentFramework.Tokens;
using AgentFramework.Tracing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.AI;

namespace AgentFramework.Models;

/// <summary><see cref="ChatClientBuilder"/> extensions for AgentFramework's model-access middleware. Layers added first
/// are outermost, so call them in the order usage → cache → retry.</summary>
public static class ModelMiddlewareExtensions
{
    public static ChatClientBuilder UseUsageAccounting(this ChatClientBuilder builder, ITokenCounter? tokenCounter = null, PipelineTrace? trace = null) =>
        builder.Use(inner => new UsageAccountingChatClient(inner, tokenCounter, trace));

    public static ChatClientBuilder UseCallCache(this ChatClientBuilder builder, ICallCache cache) =>
        builder.Use(inner => new CallCacheChatClient(inner, cache));

    /// <summary>Retries transient failures, judged by the container's <see cref="TransientFailureClassifiers"/> when it
    /// has one (<see cref="TransientFailureServiceCollectionExtensions"/>), else by <see cref="TransientFailureClassifiers.Default"/>.</summary>
    public static ChatClientBuilder UseRetry(this ChatClientBuilder builder, RetryOptions? options = null) =>
        builder.Use((inner, services) => new RetryingChatClient(inner, options, services.GetService<TransientFailureClassifiers>()));
}

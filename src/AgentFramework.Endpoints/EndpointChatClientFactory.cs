using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace AgentFramework.Models;

/// <summary>
/// Chat (with streaming) and embedding clients for an OpenAI-compatible server, through Microsoft.Extensions.AI.OpenAI.
/// The OpenAI SDK's own retries are switched off: <see cref="RetryingChatClient"/> retries, so that every backend
/// follows the same policy and the usage layer sees each logical call once.
/// </summary>
public static class EndpointChatClientFactory
{
    /// <summary>The raw chat client; refusals the user must fix (400/401/403/404/413) surface as <see cref="Errors.ModelException"/>.</summary>
    public static IChatClient CreateChatClient(EndpointOptions endpoint) =>
        new EndpointErrorsChatClient(CreateOpenAIClient(endpoint).GetChatClient(endpoint.ModelId).AsIChatClient(), endpoint);

    public static IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(EndpointOptions endpoint) =>
        CreateOpenAIClient(endpoint).GetEmbeddingClient(endpoint.EmbeddingModelId ?? endpoint.ModelId).AsIEmbeddingGenerator();

    /// <summary>The chat client behind the model middleware (usage → cache → retry → endpoint).</summary>
    public static IChatClient CreateChatClient(EndpointOptions endpoint, ModelPipelineOptions middleware) =>
        ModelPipeline.Wrap(CreateChatClient(endpoint), middleware);

    private static OpenAIClient CreateOpenAIClient(EndpointOptions endpoint) =>
        new(new ApiKeyCredential(string.IsNullOrEmpty(endpoint.ApiKey) ? EndpointOptions.NoKey : endpoint.ApiKey), new OpenAIClientOptions
        {
            Endpoint = endpoint.BaseUrl,
            NetworkTimeout = endpoint.NetworkTimeout ?? Timeout.InfiniteTimeSpan,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });
}

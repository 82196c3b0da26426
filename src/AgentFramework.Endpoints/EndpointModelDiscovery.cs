using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;

namespace AgentFramework.Models;

/// <summary>Asks an OpenAI-compatible server which models it serves (GET /models), to pick one when the user named none.</summary>
public static class EndpointModelDiscovery
{
    /// <summary>The first model the server lists, or null when it lists none or cannot answer in time.</summary>
    public static async Task<string?> FirstModelIdAsync(EndpointOptions endpoint, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(endpoint.ApiKey) ? EndpointOptions.NoKey : endpoint.ApiKey),
            new OpenAIClientOptions { Endpoint = endpoint.BaseUrl, NetworkTimeout = timeout, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) });
        try
        {
            var models = await client.GetOpenAIModelClient().GetModelsAsync(cancellationToken).ConfigureAwait(false);
            return models.Value.FirstOrDefault()?.Id;
        }
        catch (Exception e) when (e is ClientResultException or HttpRequestException or TaskCanceledException or TimeoutException
                                  && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}

using System.ClientModel;
using System.Runtime.CompilerServices;
using AgentFramework.Errors;
using Microsoft.Extensions.AI;

namespace AgentFramework.Models;

/// <summary>
/// Turns an endpoint's refusals that only the user can fix (HTTP 400, 401/403, 404, 413) into a one-line
/// <see cref="ModelException"/> naming the option to change. It sits under the retry layer, which never retries user
/// errors; transient failures (408, 429, 5xx, network) pass through unchanged to be retried, judged by the
/// <see cref="OpenAIClientFailureClassifier"/> this client offers through <see cref="GetService"/>.
/// </summary>
public sealed class EndpointErrorsChatClient(IChatClient innerClient, EndpointOptions endpoint) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ClientResultException e) when (Translate(e, options) is { } user)
        {
            throw user;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var stream = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var streamScope = stream.ConfigureAwait(false);
        while (true)
        {
            try
            {
                if (!await stream.MoveNextAsync().ConfigureAwait(false)) yield break;
            }
            catch (ClientResultException e) when (Translate(e, options) is { } user)
            {
                throw user;
            }
            yield return stream.Current;
        }
    }

    /// <summary>Offers <see cref="OpenAIClientFailureClassifier"/> to the retry layer above, which asks its inner client.</summary>
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ITransientFailureClassifier)
            ? OpenAIClientFailureClassifier.Instance
            : base.GetService(serviceType, serviceKey);

    internal ModelException? Translate(ClientResultException e, ChatOptions? options)
    {
        var url = endpoint.BaseUrl.ToString().TrimEnd('/');
        var detail = OneLine(e.Message);
        return e.Status switch
        {
            401 or 403 => new ModelException("EndpointOptions.BaseUrl", $"{url} refused the API key (HTTP {e.Status}): set AGENTFW_API_KEY to a key it accepts", e),
            404 => new ModelException("EndpointOptions.ModelId", $"{url} has no model '{options?.ModelId ?? endpoint.ModelId}' (HTTP 404): give EndpointOptions.ModelId with a name from {url}/models", e),
            413 => new ModelException("EndpointOptions.BaseUrl", $"{url} refused the request as too large (HTTP 413): use smaller chunks or raise the server's body limit", e),
            400 => new ModelException("EndpointOptions.BaseUrl", $"{url} rejected the request (HTTP 400): {detail}", e),
            _ => null,
        };
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}

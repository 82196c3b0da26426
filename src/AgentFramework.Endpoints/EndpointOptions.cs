using AgentFramework.Errors;

namespace AgentFramework.Models;

/// <summary>How to reach an OpenAI-compatible server (vLLM, llama.cpp's server, Ollama, a cloud API, <c>agentfw serve</c>).</summary>
/// <param name="BaseUrl">The API base, usually ending in /v1, e.g. http://127.0.0.1:8080/v1.</param>
/// <param name="ModelId">The chat model name to request.</param>
/// <param name="ApiKey">Bearer key; servers without keys accept any, so "no-key" is sent when none is given.</param>
/// <param name="EmbeddingModelId">The embedding model name; the chat model's when null.</param>
/// <param name="NetworkTimeout">HTTP timeout of one request; null = none (the retry layer's per-call timeout governs).</param>
public sealed record EndpointOptions(
    Uri BaseUrl,
    string ModelId,
    string? ApiKey = null,
    string? EmbeddingModelId = null,
    TimeSpan? NetworkTimeout = null)
{
    public const string NoKey = "no-key";

    /// <summary>Requested when the user named no model and the server lists none (servers with one model ignore the name).</summary>
    public const string DefaultModelId = "default";

    /// <summary>Validates a user-given URL (naming <paramref name="option"/> in the error) and builds the options.</summary>
    public static EndpointOptions Parse(string url, string? modelId, string? apiKey, string option = "EndpointOptions.BaseUrl")
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new InvalidOptionException(option, $"{option} '{url}' is not an http(s) URL: give one like http://127.0.0.1:8080/v1");
        return new EndpointOptions(uri, string.IsNullOrWhiteSpace(modelId) ? DefaultModelId : modelId, apiKey);
    }
}

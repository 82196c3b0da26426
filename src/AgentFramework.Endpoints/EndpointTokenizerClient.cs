using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentFramework.Models;

/// <summary>
/// Talks to a server's tokenization endpoints (vLLM's and <c>agentfw serve</c>'s <c>/tokenize</c> with <c>prompt</c> or
/// <c>messages</c>; llama.cpp's <c>/tokenize</c> with <c>content</c>) and reads the context length its model list states
/// (vLLM <c>max_model_len</c>, llama.cpp <c>meta.n_ctx_train</c>). Synchronous on purpose: token counting sits inside
/// chunking and budgeting loops that are synchronous.
/// </summary>
internal sealed class EndpointTokenizerClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _root;
    private readonly string _model;
    private bool _contentShape;

    public EndpointTokenizerClient(EndpointOptions endpoint, TimeSpan timeout)
    {
        _http = new HttpClient { Timeout = timeout };
        if (!string.IsNullOrEmpty(endpoint.ApiKey)) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.ApiKey);
        Endpoint = endpoint;
        var baseUrl = endpoint.BaseUrl.ToString().TrimEnd('/');
        // Tokenization lives at the server root for vLLM and llama.cpp, beside /v1.
        _root = new Uri((baseUrl.EndsWith("/v1", StringComparison.Ordinal) ? baseUrl[..^3] : baseUrl) + "/");
        _model = endpoint.ModelId;
    }

    public EndpointOptions Endpoint { get; }

    /// <summary>The context length the server states for the model, or null.</summary>
    public int? StatedContextLength()
    {
        try
        {
            using var response = _http.Send(new HttpRequestMessage(HttpMethod.Get, new Uri(Endpoint.BaseUrl.ToString().TrimEnd('/') + "/models")));
            if (!response.IsSuccessStatusCode) return null;
            var list = JsonNode.Parse(response.Content.ReadAsStream())?["data"]?.AsArray();
            var entry = list?.FirstOrDefault(m => m?["id"]?.GetValue<string>() == _model) ?? list?.FirstOrDefault();
            return Int(entry?["max_model_len"]) ?? Int(entry?["context_length"]) ?? Int(entry?["meta"]?["n_ctx_train"]) ?? Int(entry?["max_context_length"]);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Whether /tokenize answers; remembers which shape (vLLM's prompt or llama.cpp's content) it took.</summary>
    public bool Probe()
    {
        if (TryTokenize(new JsonObject { ["model"] = _model, ["prompt"] = "Hello world", ["add_special_tokens"] = false }) is not null) return true;
        _contentShape = true;
        if (TryTokenize(new JsonObject { ["content"] = "Hello world", ["add_special"] = false }) is not null) return true;
        _contentShape = false;
        return false;
    }

    /// <summary>Tokens of <paramref name="text"/> without special tokens.</summary>
    public int[] Tokenize(string text) => (_contentShape
        ? TryTokenize(new JsonObject { ["content"] = text, ["add_special"] = false })
        : TryTokenize(new JsonObject { ["model"] = _model, ["prompt"] = text, ["add_special_tokens"] = false }))
        ?? throw new HttpRequestException($"{_root}tokenize stopped answering");

    /// <summary>Tokens of the messages through the server's chat template, or null when the server cannot say (llama.cpp).</summary>
    public int? CountChat(IReadOnlyList<ChatMessage> messages)
    {
        if (_contentShape) return null;
        var array = new JsonArray();
        foreach (var m in messages) array.Add(new JsonObject { ["role"] = m.Role.Value, ["content"] = m.Text });
        return TryTokenize(new JsonObject { ["model"] = _model, ["messages"] = array, ["add_generation_prompt"] = true })?.Length;
    }

    private int[]? TryTokenize(JsonObject body)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_root, "tokenize")) { Content = JsonContent.Create(body) };
            using var response = _http.Send(request);
            if (!response.IsSuccessStatusCode) return null;
            var tokens = JsonNode.Parse(response.Content.ReadAsStream())?["tokens"]?.AsArray();
            return tokens?.Select(t => t is JsonValue v && v.TryGetValue<int>(out var id) ? id : (t?["id"]?.GetValue<int>() ?? 0)).ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) && n > 0 ? (int)Math.Min(n, int.MaxValue) : null;

    public void Dispose() => _http.Dispose();
}

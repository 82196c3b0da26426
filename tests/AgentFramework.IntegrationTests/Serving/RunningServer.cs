using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AgentFramework.Cli.Serving;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Serving;

/// <summary>An <see cref="OpenAiCompatibleServer"/> on a free loopback port, with a raw HTTP client for it.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(OpenAiCompatibleServer server, Uri baseAddress)
    {
        Server = server;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public OpenAiCompatibleServer Server { get; }
    public Uri BaseAddress { get; }

    /// <summary>The OpenAI API base, as users pass it to --endpoint.</summary>
    public Uri ApiBase => new(BaseAddress, "/v1");
    public HttpClient Http { get; }

    public static async Task<RunningServer> StartAsync(IChatClient chat, ServerOptions? options = null, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
    {
        options = (options ?? new ServerOptions()) with { Urls = "http://127.0.0.1:0" };
        var server = new OpenAiCompatibleServer(chat, embeddings, options);
        await server.StartAsync();
        return new RunningServer(server, server.Addresses.Single());
    }

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static object ChatBody(string text, bool stream = false) =>
        new { model = "any", messages = new[] { new { role = "user", content = text } }, stream };

    public Task<HttpResponseMessage> PostChatAsync(string text, string? key = null, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(ChatBody(text)) };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return Http.SendAsync(request, ct);
    }

    public async Task<JsonElement> HealthAsync(CancellationToken ct = default)
    {
        using var response = await Http.GetAsync("/health", ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.Clone();
    }

    /// <summary>GET /v1/status: the queue (running, waiting), which /health no longer reveals.</summary>
    public async Task<JsonElement> StatusAsync(CancellationToken ct = default)
    {
        using var response = await Http.GetAsync("/v1/status", ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.Clone();
    }

    /// <summary>Polls /v1/status until <paramref name="condition"/> holds (the server's own view of its queue).</summary>
    public async Task WaitForHealthAsync(Func<JsonElement, bool> condition, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition(await StatusAsync(limit.Token))) await Task.Delay(10, limit.Token);
    }

    public static async Task<JsonElement> ErrorOf(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var error = body.GetProperty("error");
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        Assert.Equal(JsonValueKind.String, error.GetProperty("type").ValueKind);
        Assert.True(error.TryGetProperty("param", out _));
        Assert.True(error.TryGetProperty("code", out _));
        return error.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.StopAsync();
        await Server.DisposeAsync();
    }
}

using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AgentFramework.Cli.Serving;
using AgentFramework.Errors;
using AgentFramework.IntegrationTests.Serving;
using AgentFramework.Retrieval.Embeddings;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Hardening;

/// <summary>
/// The real Kestrel server fed malformed requests of every class the hardening issue lists (see
/// <see cref="MalformedRequests"/>): none may get a 5xx; JSON-level faults get a 4xx in OpenAI's error shape, also when
/// they ask for a stream; the server answers a valid request afterwards. The scripted chat model stands in for a
/// model only because every request here must be refused before any model runs (it counts calls to prove it).
/// </summary>
public class ServerFuzzTests
{
    [Fact]
    public async Task Three_hundred_malformed_requests_get_no_5xx()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = ScriptedChatModel.Replying(TimeSpan.Zero);
        await using var server = await RunningServer.StartAsync(model, new ServerOptions { MaxRequestBodyBytes = 64 * 1024 }, new HashingEmbeddingGenerator());

        var byClass = new Dictionary<string, (int Sent, int FourXx)>();
        var failures = new List<string>();
        foreach (var c in MalformedRequests.JsonCases())
        {
            using var content = new ByteArrayContent(c.Body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await server.Http.PostAsync(c.Path, content, ct);
            int status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(ct);
            bool shaped = IsOpenAiError(text);
            Count(byClass, c.Class, status);
            if (status is < 400 or >= 500 || !shaped) failures.Add($"{c.Class} / {c.Name}: {status} {text[..Math.Min(200, text.Length)]}");
        }
        int rawServed = 0;
        foreach (var c in MalformedRequests.RawCases())
        {
            int? status = await SendRawAsync(server.BaseAddress, c, ct);
            if (status is >= 200 and < 300) rawServed++; // Kestrel tolerates some (chunk extensions; Transfer-Encoding over Content-Length)
            Count(byClass, c.Class, status ?? 0);
            if (status >= 500 || (status is null && !c.ClientHangsUp)) failures.Add($"{c.Class} / {c.Name}: {(status is null ? "no response" : status.ToString())}");
        }

        int total = byClass.Values.Sum(v => v.Sent);
        foreach (var (cls, (sent, fourXx)) in byClass.OrderBy(k => k.Key))
            TestContext.Current.TestOutputHelper?.WriteLine($"{cls}: {sent} sent, {fourXx} answered 4xx");
        TestContext.Current.TestOutputHelper?.WriteLine($"total {total}; raw requests Kestrel accepted as valid: {rawServed}; failures: {failures.Count}");
        Assert.True(total >= 300, $"only {total} malformed requests");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(rawServed, model.Calls); // every JSON-level fault was refused before any model call

        using var ok = await server.PostChatAsync("still serving?", ct: ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_stream_the_model_refuses_at_once_gets_a_plain_400_not_a_200()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = new ScriptedChatModel((_, _) => throw new ModelException("prompt", "the prompt is 9000 tokens, over the model's 2048-token context; shorten it"));
        await using var server = await RunningServer.StartAsync(model);
        using var response = await server.Http.PostAsync("/v1/chat/completions", RunningServer.Json(RunningServer.ChatBody("too long", stream: true)), ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("context", (await RunningServer.ErrorOf(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_stream_that_fails_after_its_headers_ends_with_an_error_event_and_done()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync(new FailingMidStream());
        using var response = await server.Http.PostAsync("/v1/chat/completions", RunningServer.Json(RunningServer.ChatBody("go", stream: true)), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = (await response.Content.ReadAsStringAsync(ct)).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..]).ToList();
        Assert.Equal("[DONE]", events[^1]);
        Assert.True(IsOpenAiError(events[^2]), events[^2]);
        Assert.Contains(events, e => e.Contains("partial"));
    }

    internal static bool IsOpenAiError(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                   && error.TryGetProperty("type", out _) && error.TryGetProperty("param", out _) && error.TryGetProperty("code", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void Count(Dictionary<string, (int Sent, int FourXx)> byClass, string cls, int status)
    {
        var (sent, fourXx) = byClass.GetValueOrDefault(cls);
        byClass[cls] = (sent + 1, fourXx + (status is >= 400 and < 500 ? 1 : 0));
    }

    /// <summary>Writes the raw bytes, optionally half-closes, and reads the status line (null when none came).</summary>
    private static async Task<int?> SendRawAsync(Uri server, MalformedRequests.RawCase c, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, ct);
        var stream = client.GetStream();
        await stream.WriteAsync(c.Request, ct);
        await Task.Delay(c.PauseBeforeClose, ct);
        if (c.HalfClose) client.Client.Shutdown(SocketShutdown.Send);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(20));
        var buffer = new byte[4096];
        var received = new StringBuilder();
        try
        {
            int read;
            while (!received.ToString().Contains("\r\n") && (read = await stream.ReadAsync(buffer, limit.Token)) > 0)
                received.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }
        catch (Exception e) when (e is IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
        }
        var line = received.ToString();
        return line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(9, 3), out var status) ? status : null;
    }

    /// <summary>Streams two words, then fails as a model can mid-generation (an ONNX Runtime error, a lost device).</summary>
    private sealed class FailingMidStream : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not used");

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, "partial");
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, " answer");
            throw new InvalidOperationException("the device was lost");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
        public void Dispose() { }
    }
}

using System.Net;
using AgentFramework.Cli.Serving;
using AgentFramework.Models;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Serving;

/// <summary>The server's chat endpoint through the real OpenAI client (Microsoft.Extensions.AI.OpenAI) on loopback.</summary>
public class ServerChatTests
{
    [Fact]
    public async Task Twenty_concurrent_requests_all_succeed_with_their_own_answers_one_at_a_time()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = ScriptedChatModel.Replying(TimeSpan.FromMilliseconds(5));
        await using var server = await RunningServer.StartAsync(model, new ServerOptions { MaxQueue = 32 });
        using var client = EndpointChatClientFactory.CreateChatClient(new EndpointOptions(server.ApiBase, "any"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.GetResponseAsync($"question {i}", cancellationToken: ct)));

        for (int i = 0; i < 20; i++) Assert.Equal($"reply to: question {i}", answers[i].Text);
        Assert.Equal(20, model.Calls);
        Assert.Equal(1, model.MaxRunning);
        Assert.All(answers, a => Assert.Equal(2, a.Usage?.InputTokenCount));
    }

    [Fact]
    public async Task Streaming_delivers_the_whole_answer_in_chunks_with_usage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync(ScriptedChatModel.Replying(TimeSpan.Zero));
        using var client = EndpointChatClientFactory.CreateChatClient(new EndpointOptions(server.ApiBase, "any"));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("tell me a long story", cancellationToken: ct)) updates.Add(update);
        var response = updates.ToChatResponse();

        Assert.Equal("reply to: tell me a long story", response.Text);
        Assert.True(updates.Count(u => !string.IsNullOrEmpty(u.Text)) > 3);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(7, response.Usage?.OutputTokenCount); // "reply to: tell me a long story"; the OpenAI client asks for stream_options.include_usage
    }

    [Fact]
    public async Task Raw_streaming_is_server_sent_events_ending_in_done()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync(ScriptedChatModel.Replying(TimeSpan.Zero));
        using var response = await server.Http.PostAsync("/v1/chat/completions", RunningServer.Json(RunningServer.ChatBody("hi there", stream: true)), ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e));
        Assert.Equal("data: [DONE]", events[^1]);
        Assert.Contains("\"object\":\"chat.completion.chunk\"", events[0]);
    }

    [Fact]
    public async Task Models_lists_the_served_models()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync(ScriptedChatModel.Replying(TimeSpan.Zero),
            new ServerOptions { ModelId = "tiny-llama", EmbeddingModelId = "tiny-embed" }, new ScriptedEmbeddings());
        var body = await server.Http.GetStringAsync("/v1/models", ct);
        Assert.Contains("\"id\":\"tiny-llama\"", body);
        Assert.Contains("\"id\":\"tiny-embed\"", body);
    }

    [Fact]
    public async Task Embeddings_come_back_as_floats_and_through_the_openai_client_as_base64()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync(ScriptedChatModel.Replying(TimeSpan.Zero), embeddings: new ScriptedEmbeddings());
        using var generator = EndpointChatClientFactory.CreateEmbeddingGenerator(new EndpointOptions(server.ApiBase, "any"));

        var viaClient = await generator.GenerateAsync(["whale", "harpoon"], cancellationToken: ct);
        Assert.Equal(ScriptedEmbeddings.VectorFor("whale"), viaClient[0].Vector.ToArray());
        Assert.Equal(ScriptedEmbeddings.VectorFor("harpoon"), viaClient[1].Vector.ToArray());

        using var raw = await server.Http.PostAsync("/v1/embeddings", RunningServer.Json(new { input = "whale", model = "x" }), ct);
        var json = System.Text.Json.JsonDocument.Parse(await raw.Content.ReadAsStringAsync(ct)).RootElement;
        var floats = json.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.Equal(ScriptedEmbeddings.VectorFor("whale"), floats);
    }

    [Fact]
    public async Task Embeddings_without_an_embedding_model_are_a_clear_404()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync(ScriptedChatModel.Replying(TimeSpan.Zero));
        using var response = await server.Http.PostAsync("/v1/embeddings", RunningServer.Json(new { input = "x" }), ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("--embedding-model", (await RunningServer.ErrorOf(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Shutdown_lets_an_in_flight_request_finish()
    {
        var ct = TestContext.Current.CancellationToken;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var model = new ScriptedChatModel(async (m, c) => { await release.Task.WaitAsync(c); return "finished"; });
        var server = await RunningServer.StartAsync(model, new ServerOptions { ShutdownTimeout = TimeSpan.FromSeconds(30) });
        try
        {
            var inFlight = server.PostChatAsync("slow", ct: ct);
            await server.WaitForHealthAsync(h => h.GetProperty("running").GetInt32() == 1, ct);
            var stopping = server.Server.StopAsync(ct);
            release.SetResult();
            using var response = await inFlight;
            await stopping;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("finished", await response.Content.ReadAsStringAsync(ct));
        }
        finally
        {
            server.Http.Dispose();
            await server.Server.DisposeAsync();
        }
    }
}

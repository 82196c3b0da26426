using System.ClientModel;
using System.Net;
using System.Text;
using AgentFramework.Cli.Serving;
using AgentFramework.Models;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Serving;

/// <summary>Refusals in OpenAI's error shape, with the right status, and a server that stays healthy.</summary>
public class ServerErrorTests
{
    [Fact]
    public async Task Queue_overflow_gets_429_and_health_stays_ok()
    {
        var ct = TestContext.Current.CancellationToken;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var model = new ScriptedChatModel(async (m, c) => { await release.Task.WaitAsync(c); return "done " + m[^1].Text; });
        await using var server = await RunningServer.StartAsync(model, new ServerOptions { MaxQueue = 2 });

        var admitted = new List<Task<HttpResponseMessage>> { server.PostChatAsync("a", ct: ct) };
        await server.WaitForHealthAsync(h => h.GetProperty("running").GetInt32() == 1, ct);
        admitted.Add(server.PostChatAsync("b", ct: ct));
        admitted.Add(server.PostChatAsync("c", ct: ct));
        await server.WaitForHealthAsync(h => h.GetProperty("waiting").GetInt32() == 2, ct);

        using (var overflow = await server.PostChatAsync("d", ct: ct))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, overflow.StatusCode);
            Assert.Equal("queue_full", (await RunningServer.ErrorOf(overflow)).GetProperty("code").GetString());
            Assert.NotNull(overflow.Headers.RetryAfter);
        }
        var health = await server.HealthAsync(ct);
        Assert.Equal("ok", health.GetProperty("status").GetString());

        release.SetResult();
        foreach (var task in admitted)
        {
            using var response = await task;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(3, model.Calls);
    }

    [Fact]
    public async Task The_openai_client_sees_429_as_a_transient_failure_with_retry_after()
    {
        var ct = TestContext.Current.CancellationToken;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var model = new ScriptedChatModel(async (m, c) => { await release.Task.WaitAsync(c); return "ok"; });
        await using var server = await RunningServer.StartAsync(model, new ServerOptions { MaxQueue = 0 });
        using var client = EndpointChatClientFactory.CreateChatClient(new EndpointOptions(server.ApiBase, "any"));

        var busy = server.PostChatAsync("occupy", ct: ct);
        await server.WaitForHealthAsync(h => h.GetProperty("running").GetInt32() == 1, ct);
        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("refused", cancellationToken: ct));

        Assert.Equal(429, error.Status);
        // The retry layer knows nothing of the OpenAI SDK: it asks the classifier the endpoint client offers.
        var offered = client.GetService<ITransientFailureClassifier>();
        Assert.IsType<OpenAIClientFailureClassifier>(offered);
        Assert.False(TransientFailureClassifiers.Default.IsTransient(error, ct));
        Assert.True(TransientFailureClassifiers.Default.IsTransient(error, ct, offered));
        Assert.Equal(TimeSpan.FromSeconds(1), TransientFailureClassifiers.Default.RetryAfter(error, DateTimeOffset.UtcNow, offered));
        release.SetResult();
        (await busy).Dispose();
    }

    [Fact]
    public async Task A_wrong_or_missing_key_gets_401_and_the_right_key_passes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync(ScriptedChatModel.Replying(TimeSpan.Zero), new ServerOptions { ApiKey = "s3cret" });

        using (var wrong = await server.PostChatAsync("x", key: "guess", ct: ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("invalid_api_key", (await RunningServer.ErrorOf(wrong)).GetProperty("code").GetString());
        }
        using (var missing = await server.PostChatAsync("x", ct: ct)) Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        using (var right = await server.PostChatAsync("x", key: "s3cret", ct: ct)) Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        await server.HealthAsync(ct); // health needs no key

        using var client = EndpointChatClientFactory.CreateChatClient(new EndpointOptions(server.ApiBase, "any", ApiKey: "s3cret"));
        Assert.Equal("reply to: keyed", (await client.GetResponseAsync("keyed", cancellationToken: ct)).Text);
    }

    [Theory]
    [InlineData("{\"messages\": [", null)]
    [InlineData("not json at all", null)]
    [InlineData("{\"model\": \"x\"}", "messages")]
    [InlineData("{\"messages\": [{\"role\": \"wizard\", \"content\": \"hi\"}]}", "messages[0].role")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"n\": 2}", "n")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"temperature\": \"hot\"}", "temperature")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 0}", "max_tokens")]
    public async Task Malformed_or_invalid_requests_get_400_naming_the_field(string body, string? param)
    {
        var ct = TestContext.Current.CancellationToken;
        var model = ScriptedChatModel.Replying(TimeSpan.Zero);
        await using var server = await RunningServer.StartAsync(model);
        using var response = await server.Http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await RunningServer.ErrorOf(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        if (param is not null) Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(0, model.Calls);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = ScriptedChatModel.Replying(TimeSpan.Zero);
        await using var server = await RunningServer.StartAsync(model, new ServerOptions { MaxRequestBodyBytes = 4096 });

        using (var large = await server.Http.PostAsync("/v1/chat/completions", RunningServer.Json(RunningServer.ChatBody(new string('x', 20_000))), ct))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
            Assert.Equal("request_too_large", (await RunningServer.ErrorOf(large)).GetProperty("code").GetString());
        }
        using (var small = await server.PostChatAsync("fits", ct: ct)) Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(1, model.Calls);
    }

    [Fact]
    public async Task A_model_failure_is_500_without_details_or_stack_trace()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = new ScriptedChatModel((_, _) => throw new InvalidOperationException("secret internal detail"));
        await using var server = await RunningServer.StartAsync(model);
        using var response = await server.PostChatAsync("boom", ct: ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.DoesNotContain("secret", text);
        Assert.DoesNotContain(" at ", text);
        Assert.Equal("server_error", (await RunningServer.ErrorOf(response)).GetProperty("type").GetString());
        using var next = await server.Http.GetAsync("/health", ct);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task A_streaming_client_that_disconnects_cancels_its_generation_and_frees_the_model()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = new ScriptedChatModel((m, _) => Task.FromResult("next one: " + m[^1].Text))
        {
            EndlessStream = (100_000, TimeSpan.FromMilliseconds(10)),
        };
        await using var server = await RunningServer.StartAsync(model, new ServerOptions { MaxQueue = 0 });

        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = RunningServer.Json(RunningServer.ChatBody("stream", stream: true)) };
        using (var response = await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            int events = 0;
            while (events < 3 && await reader.ReadLineAsync(ct) is { } line) if (line.StartsWith("data: ")) events++;
            Assert.Equal(3, events);
        } // disconnect midway

        await model.StreamCancelled.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        await server.WaitForHealthAsync(h => h.GetProperty("running").GetInt32() == 0, ct);
        using var next = await server.PostChatAsync("after", ct: ct);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Contains("next one: after", await next.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task Unknown_routes_are_404_in_the_error_shape()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync(ScriptedChatModel.Replying(TimeSpan.Zero));
        using var response = await server.Http.GetAsync("/v1/nothing-here", ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await RunningServer.ErrorOf(response);
    }
}

using System.Text.Json;
using AgentFramework.Cli;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Cli.Serving;
using AgentFramework.Errors;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Serving;

/// <summary>The CLI's --endpoint path: ModelResolver → OpenAI client behind usage → cache → retry, against a real server.</summary>
public class EndpointClientTests
{
    private static CliSettings EndpointSettings(Uri apiBase, string? key = null) =>
        new(null, apiBase.ToString(), "served-model", key, false, false, new Dictionary<string, JsonElement>());

    [Fact]
    public async Task Endpoint_calls_are_traced_with_server_usage_and_replayed_from_the_cache()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = ScriptedChatModel.Replying(TimeSpan.Zero);
        await using var server = await RunningServer.StartAsync(model);
        var cachePath = Path.Combine(Directory.CreateTempSubdirectory("agentfw-endpoint-").FullName, "calls.db");
        using var resolved = (await ModelResolver.ResolveAsync(EndpointSettings(server.ApiBase), new ModelAccessOptions(ContextLength: 4096, CachePath: cachePath), ct))!;

        var trace = new PipelineTrace();
        var greedy = new ChatOptions { Temperature = 0 };
        using (PipelineContext.Begin(trace))
        using (PipelineContext.Stage("retrieve-then-reason/extract"))
        {
            Assert.Equal("reply to: one two three", (await resolved.Chat.GetResponseAsync("one two three", greedy, ct)).Text);
            Assert.Equal("reply to: one two three", (await resolved.Chat.GetResponseAsync("one two three", greedy, ct)).Text);
        }

        Assert.Equal(1, model.Calls);
        Assert.Equal(("served-model", 4096), (resolved.Profile.ModelId, resolved.Profile.ContextLength));
        Assert.Equal(2, trace.CallCount);
        Assert.Equal(1, trace.CachedCallCount);
        var first = trace.Calls[0];
        Assert.Equal(("retrieve-then-reason/extract", 3, 5), (first.Stage, first.PromptTokens, first.CompletionTokens));
        File.Delete(cachePath);
    }

    [Fact]
    public async Task A_busy_server_is_retried_after_its_retry_after_until_it_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var model = new ScriptedChatModel(async (m, c) => { await release.Task.WaitAsync(c); return "served " + m[^1].Text; });
        await using var server = await RunningServer.StartAsync(model, new ServerOptions { MaxQueue = 0 });
        using var resolved = (await ModelResolver.ResolveAsync(EndpointSettings(server.ApiBase), new ModelAccessOptions(MaxAttempts: 10), ct))!;

        var busy = server.PostChatAsync("occupy", ct: ct);
        await server.WaitForHealthAsync(h => h.GetProperty("running").GetInt32() == 1, ct);
        var retried = resolved.Chat.GetResponseAsync("patient", cancellationToken: ct);
        await Task.Delay(300, ct); // the first attempt is refused with 429 while "occupy" runs
        release.SetResult();

        Assert.Equal("served patient", (await retried).Text);
        (await busy).Dispose();
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task Without_a_model_id_the_servers_first_model_is_used()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync(ScriptedChatModel.Replying(TimeSpan.Zero), new ServerOptions { ModelId = "tiny-llama" });
        var settings = EndpointSettings(server.ApiBase) with { ModelId = null };
        using var resolved = (await ModelResolver.ResolveAsync(settings, new ModelAccessOptions(), ct))!;
        Assert.Equal("tiny-llama", resolved.Profile.ModelId);
        Assert.Equal("reply to: hi", (await resolved.Chat.GetResponseAsync("hi", cancellationToken: ct)).Text);
    }

    [Fact]
    public async Task A_refused_key_is_a_one_line_user_error_not_retried()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = ScriptedChatModel.Replying(TimeSpan.Zero);
        await using var server = await RunningServer.StartAsync(model, new ServerOptions { ApiKey = "right" });
        using var resolved = (await ModelResolver.ResolveAsync(EndpointSettings(server.ApiBase, key: "wrong"), new ModelAccessOptions(MaxAttempts: 5), ct))!;

        var error = await Assert.ThrowsAsync<ModelException>(() => resolved.Chat.GetResponseAsync("hi", cancellationToken: ct));
        Assert.Contains("AGENTFW_API_KEY", error.Message);
        Assert.Contains("401", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(0, model.Calls);
    }

    [Fact]
    public async Task Neither_model_nor_endpoint_resolves_to_null()
    {
        var settings = new CliSettings(null, null, null, null, false, false, new Dictionary<string, JsonElement>());
        Assert.Null(await ModelResolver.ResolveAsync(settings, new ModelAccessOptions(), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("serve --model /no/such/folder")]
    [InlineData("serve --model . --urls ftp://127.0.0.1:1")]
    [InlineData("serve --model . --max-queue -1")]
    public async Task Bad_serve_flags_are_user_errors_with_exit_code_2(string commandLine)
    {
        var exit = await AgentFwCli.RunAsync(commandLine.Split(' '));
        Assert.Equal(ExitCodes.UserError, exit);
    }
}

using AgentFramework.Errors;
using AgentFramework.Models;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.Models;

public class CallCacheChatClientTests
{
    private static readonly ChatOptions Greedy = new() { Temperature = 0, MaxOutputTokens = 64 };

    [Fact]
    public async Task Identical_requests_are_replayed_and_marked_cached_in_the_trace()
    {
        using var temp = new TempFolder();
        var backend = ScriptedChatClient.Echo();
        var trace = new PipelineTrace();
        var client = ModelPipeline.Wrap(backend, new ModelPipelineOptions { Cache = new SqliteCallCache(temp.File("calls.db")), Trace = trace });
        var ct = TestContext.Current.CancellationToken;

        var first = await client.GetResponseAsync("summarise chapter one", Greedy, ct);
        var second = await client.GetResponseAsync("summarise chapter one", Greedy, ct);

        Assert.Equal(1, backend.Calls);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.Usage?.OutputTokenCount, second.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Equal(2, trace.CallCount);
        Assert.Equal(1, trace.CachedCallCount);
        Assert.False(trace.Calls[0].Cached);
        Assert.True(trace.Calls[1].Cached);
        Assert.Equal(7, trace.Calls[1].PromptTokens);
    }

    [Fact]
    public async Task Requests_that_differ_in_messages_options_or_model_are_not_confused()
    {
        using var temp = new TempFolder();
        var backend = ScriptedChatClient.Echo();
        var client = new CallCacheChatClient(backend, new SqliteCallCache(temp.File("calls.db")));
        var ct = TestContext.Current.CancellationToken;

        await client.GetResponseAsync("a", Greedy, ct);
        await client.GetResponseAsync("b", Greedy, ct);
        await client.GetResponseAsync([new ChatMessage(ChatRole.System, "a")], Greedy, ct);
        await client.GetResponseAsync("a", new ChatOptions { Temperature = 0, MaxOutputTokens = 65 }, ct);
        await client.GetResponseAsync("a", new ChatOptions { Temperature = 0, MaxOutputTokens = 64, StopSequences = ["\n"] }, ct);
        await client.GetResponseAsync("a", new ChatOptions { Temperature = 0, MaxOutputTokens = 64, ModelId = "other" }, ct);
        var replayB = await client.GetResponseAsync("b", Greedy, ct);

        Assert.Equal(6, backend.Calls);
        Assert.Equal("echo: b", replayB.Text);
    }

    [Fact]
    public void The_key_ignores_nothing_that_changes_output()
    {
        var messages = new List<ChatMessage> { new(ChatRole.User, "x") };
        var keys = new[]
        {
            CallCacheKey.Compute("m", messages, null),
            CallCacheKey.Compute("m2", messages, null),
            CallCacheKey.Compute("m", messages, new ChatOptions { Seed = 1 }),
            CallCacheKey.Compute("m", messages, new ChatOptions { TopP = 0.9f }),
            CallCacheKey.Compute("m", messages, new ChatOptions { TopK = 5 }),
            CallCacheKey.Compute("m", messages, new ChatOptions { ResponseFormat = ChatResponseFormat.Json }),
            CallCacheKey.Compute("m", messages, new ChatOptions { AdditionalProperties = new() { ["repetition_penalty"] = 1.1 } }),
            CallCacheKey.Compute("m", [new ChatMessage(ChatRole.Assistant, "x")], null),
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(keys[0], CallCacheKey.Compute("m", [new ChatMessage(ChatRole.User, "x")], null));
        Assert.Equal(keys[0], CallCacheKey.Compute("m", messages, new ChatOptions { ConversationId = "ignored" }));
    }

    [Fact]
    public async Task The_cache_survives_a_restart_on_the_same_file()
    {
        using var temp = new TempFolder();
        var path = temp.File("calls.db");
        var ct = TestContext.Current.CancellationToken;
        var firstRun = ScriptedChatClient.Echo();
        await new CallCacheChatClient(firstRun, new SqliteCallCache(path)).GetResponseAsync("chapter 3", Greedy, ct);

        var secondRun = new ScriptedChatClient((_, _, _, _) => throw new InvalidOperationException("must not be called"), "scripted-model");
        var cache = new SqliteCallCache(path);
        var replay = await new CallCacheChatClient(secondRun, cache).GetResponseAsync("chapter 3", Greedy, ct);

        Assert.Equal("echo: chapter 3", replay.Text);
        Assert.Equal(0, secondRun.Calls);
        Assert.Equal(1, await cache.CountAsync(ct));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Sampling_without_a_seed_is_never_cached_but_seeded_sampling_is()
    {
        using var temp = new TempFolder();
        var backend = ScriptedChatClient.Echo();
        var cache = new SqliteCallCache(temp.File("calls.db"));
        var client = new CallCacheChatClient(backend, cache);
        var ct = TestContext.Current.CancellationToken;

        await client.GetResponseAsync("q", new ChatOptions { Temperature = 0.8f }, ct);
        await client.GetResponseAsync("q", new ChatOptions { Temperature = 0.8f }, ct);
        Assert.Equal(2, backend.Calls);
        Assert.Equal(0, await cache.CountAsync(ct));

        await client.GetResponseAsync("q", new ChatOptions { Temperature = 0.8f, Seed = 42 }, ct);
        await client.GetResponseAsync("q", new ChatOptions { Temperature = 0.8f, Seed = 42 }, ct);
        Assert.Equal(3, backend.Calls);
    }

    [Fact]
    public async Task Streaming_hits_arrive_as_one_update_and_abandoned_streams_are_not_stored()
    {
        using var temp = new TempFolder();
        var backend = ScriptedChatClient.Echo();
        var cache = new SqliteCallCache(temp.File("calls.db"));
        var trace = new PipelineTrace();
        var client = ModelPipeline.Wrap(backend, new ModelPipelineOptions { Cache = cache, Trace = trace, Retry = null });
        var ct = TestContext.Current.CancellationToken;

        await foreach (var _ in client.GetStreamingResponseAsync("stop early please", Greedy, ct)) break;
        Assert.Equal(0, await cache.CountAsync(ct));

        var streamed = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("stop early please", Greedy, ct)) streamed.Add(update);
        Assert.True(streamed.Count > 1);
        Assert.Equal(1, await cache.CountAsync(ct));

        var replayed = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("stop early please", Greedy, ct)) replayed.Add(update);
        Assert.Equal("echo: stop early please", Assert.Single(replayed).Text);
        Assert.Equal(2, backend.Calls);
        Assert.True(trace.Calls[^1].Cached);
        Assert.Equal(3, trace.Calls[^1].CompletionTokens);
    }

    [Fact]
    public async Task Models_with_the_same_id_at_different_places_do_not_share_answers()
    {
        using var temp = new TempFolder();
        var cache = new SqliteCallCache(temp.File("calls.db"));
        var ct = TestContext.Current.CancellationToken;
        var here = new ScriptedChatClient((_, _, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "from here"))), "same-name");
        var there = new LocatedChatClient(new ScriptedChatClient((_, _, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "from there"))), "same-name"),
            new ChatClientMetadata("scripted", new Uri("http://elsewhere/v1"), "same-name"));

        Assert.Equal("from here", (await new CallCacheChatClient(here, cache).GetResponseAsync("q", Greedy, ct)).Text);
        Assert.Equal("from there", (await new CallCacheChatClient(there, cache).GetResponseAsync("q", Greedy, ct)).Text);
        Assert.Equal(2, await cache.CountAsync(ct));
    }

    private sealed class LocatedChatClient(IChatClient inner, ChatClientMetadata metadata) : DelegatingChatClient(inner)
    {
        public override object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? metadata : base.GetService(serviceType, serviceKey);
    }

    [Fact]
    public void A_corrupt_cache_file_is_a_one_line_user_error_naming_the_file()
    {
        using var temp = new TempFolder();
        var path = temp.File("broken.db");
        File.WriteAllText(path, new string('x', 4096));
        var error = Assert.ThrowsAny<UserInputException>(() => new SqliteCallCache(path));
        Assert.Contains(path, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(path, error.Target);
    }
}

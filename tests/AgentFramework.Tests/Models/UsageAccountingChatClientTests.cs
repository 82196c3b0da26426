using AgentFramework.Models;
using AgentFramework.Tokens;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.Models;

public class UsageAccountingChatClientTests
{
    [Fact]
    public async Task Records_stage_model_and_reported_usage_into_the_ambient_trace()
    {
        var trace = new PipelineTrace();
        var client = new UsageAccountingChatClient(ScriptedChatClient.Echo());
        using (PipelineContext.Begin(trace))
        using (PipelineContext.Stage("chain-of-agents/worker"))
            await client.GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken);

        var call = Assert.Single(trace.Calls);
        Assert.Equal("chain-of-agents/worker", call.Stage);
        Assert.Equal("scripted-model", call.ModelId);
        Assert.Equal(7, call.PromptTokens);
        Assert.Equal(3, call.CompletionTokens);
        Assert.False(call.Cached);
        Assert.Null(call.Error);
    }

    [Fact]
    public async Task Counts_tokens_with_the_counter_when_the_backend_reports_no_usage()
    {
        var trace = new PipelineTrace();
        var counter = TokenCounters.Cl100k;
        var client = new UsageAccountingChatClient(ScriptedChatClient.Echo(withUsage: false), counter, trace);
        var prompt = "The whale surfaced twice before noon.";
        await client.GetResponseAsync(prompt, cancellationToken: TestContext.Current.CancellationToken);

        var call = Assert.Single(trace.Calls);
        Assert.Equal(counter.CountTokens(prompt), call.PromptTokens);
        Assert.Equal(counter.CountTokens("echo: " + prompt), call.CompletionTokens);
        Assert.Equal("default", call.Stage);
    }

    [Fact]
    public async Task Parallel_stages_each_record_under_their_own_stage()
    {
        var trace = new PipelineTrace();
        var backend = new ScriptedChatClient(async (m, _, _, ct) =>
        {
            await Task.Delay(Random.Shared.Next(1, 10), ct);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, m[^1].Text))
            { Usage = new UsageDetails { InputTokenCount = 1, OutputTokenCount = 2 } };
        });
        var client = new UsageAccountingChatClient(backend);
        using (PipelineContext.Begin(trace))
        {
            var tasks = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
            {
                using var _ = PipelineContext.Stage(i % 2 == 0 ? "extract" : "reason");
                await client.GetResponseAsync($"{(i % 2 == 0 ? "extract" : "reason")}-{i}");
            }));
            await Task.WhenAll(tasks);
        }

        Assert.Equal(12, trace.CallCount);
        var stages = trace.Stages();
        Assert.Equal(6, stages["extract"].Calls);
        Assert.Equal(6, stages["reason"].Calls);
        Assert.Equal(12, stages["reason"].CompletionTokens);
    }

    [Fact]
    public async Task Streaming_calls_are_recorded_once_with_their_usage()
    {
        var trace = new PipelineTrace();
        var client = new UsageAccountingChatClient(ScriptedChatClient.Echo(), trace: trace);
        var text = "";
        using (PipelineContext.Stage("writer"))
            await foreach (var update in client.GetStreamingResponseAsync("one two three", cancellationToken: TestContext.Current.CancellationToken))
                text += update.Text;

        Assert.Equal("echo: one two three", text);
        var call = Assert.Single(trace.Calls);
        Assert.Equal(("writer", 7, 3), (call.Stage, call.PromptTokens, call.CompletionTokens));
    }

    [Fact]
    public async Task A_failed_call_is_recorded_with_its_error_and_rethrown()
    {
        var trace = new PipelineTrace();
        var client = new UsageAccountingChatClient(
            new ScriptedChatClient((_, _, _, _) => throw new InvalidOperationException("backend broke")), trace: trace);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync("x", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("backend broke", Assert.Single(trace.Calls).Error);
    }

    [Fact]
    public async Task A_call_outside_any_trace_records_nothing_and_still_answers()
    {
        var client = new UsageAccountingChatClient(ScriptedChatClient.Echo());
        var response = await client.GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("echo: hi", response.Text);
    }
}

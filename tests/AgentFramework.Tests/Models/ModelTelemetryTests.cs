using System.Collections.Concurrent;
using System.Diagnostics;
using AgentFramework.Models;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.Models;

/// <summary>A user's ActivityListener (what an OpenTelemetry exporter uses) sees one GenAI span per model call.</summary>
public sealed class ModelTelemetryTests
{
    [Fact]
    public async Task Every_call_is_a_span_with_GenAI_attributes_stage_and_cache_flag()
    {
        using var temp = new TempFolder();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen(spans);
        var model = "telemetry-" + Guid.NewGuid().ToString("N");
        var client = ModelPipeline.Wrap(ScriptedChatClient.Echo(modelId: model),
            new ModelPipelineOptions { Cache = new SqliteCallCache(temp.File("calls.db")), Retry = null });

        using (PipelineContext.Begin(new PipelineTrace()))
        using (PipelineContext.Stage("chain-of-agents/worker"))
        {
            var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 8 };
            await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")], options, TestContext.Current.CancellationToken);
            await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")], options, TestContext.Current.CancellationToken); // replayed from the cache
        }

        var mine = spans.Where(s => Equals(s.GetTagItem("gen_ai.request.model"), model)).ToArray();
        Assert.Equal(2, mine.Length);
        foreach (var span in mine)
        {
            Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
            Assert.Equal(AgentFrameworkTelemetry.SourceName, span.Source.Name);
            Assert.Equal("chain-of-agents/worker", span.GetTagItem(AgentFrameworkTelemetry.StageTag));
            Assert.Equal(7, Convert.ToInt32(span.GetTagItem("gen_ai.usage.input_tokens")));
            Assert.Equal(3, Convert.ToInt32(span.GetTagItem("gen_ai.usage.output_tokens")));
            Assert.Null(span.GetTagItem("gen_ai.input.messages")); // document text is never exported
        }
        Assert.Equal([false, true], mine.OrderBy(s => s.StartTimeUtc).Select(s => (bool)s.GetTagItem(AgentFrameworkTelemetry.CachedTag)!));
    }

    [Fact]
    public async Task Telemetry_can_be_turned_off()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen(spans);
        var model = "telemetry-off-" + Guid.NewGuid().ToString("N");
        var client = ModelPipeline.Wrap(ScriptedChatClient.Echo(modelId: model), new ModelPipelineOptions { Telemetry = false, Retry = null });

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.DoesNotContain(spans, s => Equals(s.GetTagItem("gen_ai.request.model"), model));
    }

    private static ActivityListener Listen(ConcurrentQueue<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentFrameworkTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}

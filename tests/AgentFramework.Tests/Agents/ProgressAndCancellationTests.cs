using AgentFramework.Agents;
using AgentFramework.Agents.ChainOfAgents;
using AgentFramework.Documents;

namespace AgentFramework.Tests.Agents;

public class ProgressAndCancellationTests
{
    private sealed class Recorder : IProgress<PipelineProgress>
    {
        public List<PipelineProgress> Reports { get; } = [];
        public void Report(PipelineProgress value) { lock (Reports) Reports.Add(value); }
    }

    [Fact]
    public async Task Progress_counts_every_planned_call_up_to_done()
    {
        var client = new ScriptedChatClient(c => c.Stage == ChainOfAgentsPipeline.WorkerStage ? "notes [C1]" : "answer");
        var agent = AgentTestHost.Create(client, 1200, o => o.ChainOfAgents.UnitTokens = 128);
        var progress = new Recorder();

        var result = await agent.AskAsync([Document.FromText(TestDocuments.Paragraphs(30))], "How many?", PipelineNames.ChainOfAgents,
            progress: progress, cancellationToken: TestContext.Current.CancellationToken);

        var last = progress.Reports[^1];
        Assert.Equal(result.Trace.CallCount, last.CallsDone);
        Assert.Equal(result.Trace.CallCount, last.CallsPlanned);
        Assert.Equal(TimeSpan.Zero, last.EstimatedRemaining);
        Assert.Equal(Enumerable.Range(0, result.Trace.CallCount + 1), progress.Reports.Select(r => r.CallsDone).Distinct());
        Assert.Equal(result.Trace.CompletionTokens, last.CompletionTokens);
    }

    [Fact]
    public async Task Cancelling_stops_the_chain_between_workers()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var client = new ScriptedChatClient(c =>
        {
            if (c.Index == 1) cancel.Cancel();
            return "notes [C1]";
        });
        var agent = AgentTestHost.Create(client, 1200, o => o.ChainOfAgents.UnitTokens = 128);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            agent.AskAsync([Document.FromText(TestDocuments.Paragraphs(30))], "How many?", PipelineNames.ChainOfAgents, cancellationToken: cancel.Token));
        Assert.Equal(2, client.Calls.Count);
    }
}

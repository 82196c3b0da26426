using AgentFramework.Agents;
using AgentFramework.Agents.RetrieveThenReason;
using AgentFramework.Documents;

namespace AgentFramework.Tests.Agents;

public class RetrieveThenReasonTests
{
    private const string SourceFact = "The harpooneer Queequeg came from\nthe island of Kokovoko.";
    private static readonly string Text = TestDocuments.Paragraphs(12) + "\n\n" + SourceFact + " He was a prince there.\n\n" + TestDocuments.Paragraphs(12);

    [Fact]
    public async Task Keeps_grounded_passages_drops_a_fabricated_one_and_cites_exact_source_spans()
    {
        var index = new FakeChunkIndex();
        // The model copies the fact with changed case and spacing, and invents a second "fact".
        var client = new ScriptedChatClient(c => c.Stage == RetrieveThenReasonPipeline.ExtractStage
            ? (c.User.Contains("Kokovoko") ? "- the harpooneer   QUEEQUEG came from the island of  kokovoko.\n- Queequeg was born in London in 1801." : "NONE")
            : "He came from Kokovoko [P1].");
        var agent = AgentTestHost.Create(client, configure: o => { o.RetrieveThenReason.TopK = 3; o.RetrieveThenReason.ChunkTokens = 200; }, indexFactory: index);
        var document = Document.FromText(Text, "moby.txt");

        var result = await agent.AskAsync([document], "Where did Queequeg come from?", PipelineNames.RetrieveThenReason, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, client.CallsIn(RetrieveThenReasonPipeline.ExtractStage).Count);
        var reason = Assert.Single(client.CallsIn(RetrieveThenReasonPipeline.ReasonStage));
        Assert.Equal(4, result.Trace.CallCount);
        Assert.Equal(1, result.Trace.Counters["ungrounded_passages"]);
        Assert.Contains("the island of Kokovoko", reason.User);
        Assert.DoesNotContain("London", reason.User);
        var citation = Assert.Single(result.Citations);
        Assert.Equal(SourceFact, citation.Quote);
        Assert.Equal(document.Text[citation.Start..citation.End], citation.Quote);
        Assert.Equal("moby.txt", citation.Document);
        Assert.True(index.Disposed, "the ephemeral index is disposed after the run");
        Assert.Equal(AgentFramework.Retrieval.SearchMode.Auto, SearchModeOf(index)); // the store's default (BM25 with the hashing embedding)
    }

    [Fact]
    public async Task Abstains_without_a_reasoning_call_when_nothing_is_grounded()
    {
        var client = new ScriptedChatClient(c => c.Stage == RetrieveThenReasonPipeline.ExtractStage ? "Queequeg was born in London in 1801." : "should not be called");
        var agent = AgentTestHost.Create(client, configure: o => { o.RetrieveThenReason.TopK = 4; o.RetrieveThenReason.ChunkTokens = 200; }, indexFactory: new FakeChunkIndex());

        var result = await agent.AskAsync([Document.FromText(Text)], "Where was Queequeg born?", PipelineNames.RetrieveThenReason, cancellationToken: TestContext.Current.CancellationToken);

        // Quoted passages that match nothing are a grounding failure, not "the document does not contain the answer".
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, new RetrieveThenReasonOptions().NoGroundedPassageText, 4), result.Text);
        Assert.Empty(result.Citations);
        Assert.Empty(client.CallsIn(RetrieveThenReasonPipeline.ReasonStage));
        Assert.Equal(4, result.Trace.CallCount);
        Assert.Equal(4, result.Trace.Counters["ungrounded_passages"]);
        Assert.Equal(1, result.Trace.Counters["abstained"]);
    }

    [Fact]
    public async Task Extractions_run_in_parallel_but_never_more_than_the_bound()
    {
        int inFlight = 0, peak = 0;
        var client = new ScriptedChatClient(c =>
        {
            if (c.Stage != RetrieveThenReasonPipeline.ExtractStage) return "answer";
            int now = Interlocked.Increment(ref inFlight);
            lock (PeakLock) peak = Math.Max(peak, now);
            Thread.Sleep(20);
            Interlocked.Decrement(ref inFlight);
            return "NONE";
        });
        var agent = AgentTestHost.Create(new ParallelChatClient(client), configure: o => { o.RetrieveThenReason.TopK = 6; o.RetrieveThenReason.MaxParallelExtracts = 2; o.RetrieveThenReason.ChunkTokens = 100; }, indexFactory: new FakeChunkIndex());

        await agent.AskAsync([Document.FromText(Text)], "barrels of oil", PipelineNames.RetrieveThenReason, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(6, client.CallsIn(RetrieveThenReasonPipeline.ExtractStage).Count);
        Assert.InRange(peak, 1, 2);
    }

    [Fact]
    public async Task A_given_index_is_searched_as_it_is_without_indexing_the_document_again()
    {
        var client = new ScriptedChatClient(c => c.Stage == RetrieveThenReasonPipeline.ExtractStage ? "NONE" : "answer");
        var agent = AgentTestHost.Create(client, configure: o => o.RetrieveThenReason.TopK = 2);
        var document = Document.FromText(Text, "moby.txt");
        await using var index = await new AgentFramework.Agents.Execution.TemporarySqliteIndexFactory().CreateEphemeralAsync(TestContext.Current.CancellationToken);
        await index.AddDocumentAsync(document, new AgentFramework.Chunking.Chunker().Split(document, new AgentFramework.Chunking.ChunkingOptions { MaxTokens = 60, OverlapTokens = 0 }, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        var before = await index.GetStatsAsync(TestContext.Current.CancellationToken);

        var result = await agent.AskAsync([document], "Where did Queequeg come from?", PipelineNames.RetrieveThenReason,
            new PipelineRunOptions { Index = index }, cancellationToken: TestContext.Current.CancellationToken);

        // Default search in this hashing-embedded store is BM25: only chunks sharing a word with the question, at most k.
        int extracts = client.CallsIn(RetrieveThenReasonPipeline.ExtractStage).Count;
        Assert.InRange(extracts, 1, 2);
        Assert.False(result.Trace.Counters.ContainsKey("indexed_chunks"));
        Assert.Equal(before, await index.GetStatsAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Kokovoko", string.Concat(client.CallsIn(RetrieveThenReasonPipeline.ExtractStage).Select(c => c.User)));

        // A document the index does not hold is a user error before any model call.
        var other = Document.FromText("A lighthouse keeper counted ships.", "other.txt");
        var error = await Assert.ThrowsAsync<AgentFramework.Errors.UserInputException>(() => agent.AskAsync([other], "Who counted ships?",
            PipelineNames.RetrieveThenReason, new PipelineRunOptions { Index = index }, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("other.txt", error.Message);
        Assert.Equal(extracts, client.CallsIn(RetrieveThenReasonPipeline.ExtractStage).Count);
    }

    private static readonly object PeakLock = new();

    private static AgentFramework.Retrieval.SearchMode SearchModeOf(FakeChunkIndex index) => index.Queries.Single().Mode;
}

/// <summary>Runs the inner client's (synchronous) script on the thread pool so parallel calls really overlap.</summary>
internal sealed class ParallelChatClient(Microsoft.Extensions.AI.IChatClient inner) : Microsoft.Extensions.AI.DelegatingChatClient(inner)
{
    public override Task<Microsoft.Extensions.AI.ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages,
        Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => base.GetResponseAsync(messages, options, cancellationToken), cancellationToken);
}

using AgentFramework.Agents;
using AgentFramework.Agents.ChainOfAgents;
using AgentFramework.Agents.RetrieveThenReason;
using AgentFramework.Citations;
using AgentFramework.Documents;
using AgentFramework.Models;
using AgentFramework.Tests.Agents.NastyText;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Tests.Agents;

/// <summary>
/// Document-first prompt layouts (issue 15, item 1): two questions over the same document send prompts whose rendered
/// message lists share a prefix that holds the whole document or chunk, so a prefix cache (our runtime's, vLLM's,
/// llama.cpp's) serves it to the second question. The scripted answers and the citations drawn from them are the same
/// as any layout would give: the layout moves text, it does not change what the pipeline does with the answers.
/// </summary>
public sealed class DocumentFirstLayoutTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentfw-layout-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Full_context_prompts_for_two_questions_share_the_document_as_a_prefix()
    {
        var text = TestDocuments.Paragraphs(5);
        var document = Document.FromText(text, "barrels.txt");
        var client = new ScriptedChatClient(_ => "In paragraph 3 sailor number 2 counted 32 barrels.");
        var agent = AgentTestHost.Create(client);

        var first = await agent.AskAsync([document], "How many barrels did sailor 2 count?", PipelineNames.FullContext, cancellationToken: TestContext.Current.CancellationToken);
        var second = await agent.AskAsync([document], "Which paragraph mentions 32 barrels?", PipelineNames.FullContext, cancellationToken: TestContext.Current.CancellationToken);

        // The answers and citations come from the scripted model's text alone, whatever the layout.
        foreach (var result in new[] { first, second })
        {
            Assert.Equal("In paragraph 3 sailor number 2 counted 32 barrels.", result.Text.Trim());
            var citation = Assert.Single(result.Citations);
            Assert.Equal("In paragraph 3 the sailor number 2 counted 32 barrels of oil on the deck.", citation.Quote);
            Assert.Equal(text[citation.Start..citation.End], citation.Quote);
        }

        Assert.Equal(2, client.Calls.Count);
        AssertSharedPrefixHolds(client.Calls[0].Messages, client.Calls[1].Messages, "document", text, 4096);
    }

    [Fact]
    public async Task Full_context_cuts_a_truncated_document_the_same_way_for_questions_of_different_lengths()
    {
        var text = TestDocuments.Paragraphs(60);
        var document = Document.FromText(text, "barrels.txt");
        var client = new ScriptedChatClient(_ => "The sailors counted barrels.");
        var agent = AgentTestHost.Create(client, contextLength: 1000, o => o.FullContext.AnswerTokens = 200);
        const string Short = "How many barrels?";
        const string Long = "Which sailor counted the most barrels of oil on the deck, and in which paragraph of the document is that said?";

        var first = await agent.AskAsync([document], Short, PipelineNames.FullContext, cancellationToken: TestContext.Current.CancellationToken);
        var second = await agent.AskAsync([document], Long, PipelineNames.FullContext, cancellationToken: TestContext.Current.CancellationToken);

        // Truncated both times, with the same kept text: the question allowance, not the question's length, sets the cut.
        Assert.True(first.Trace.Counters["truncated_tokens"] > 0, "the document is truncated");
        Assert.Equal(first.Trace.Counters["kept_tokens"], second.Trace.Counters["kept_tokens"]);
        Assert.Contains(first.Trace.Artifacts, a => a.Name == "budget" && a.Content.Contains("question_allowance=64", StringComparison.Ordinal));
        AssertSharedPrefixHolds(client.Calls[0].Messages, client.Calls[1].Messages, "document", text, 1000);
    }

    [Fact]
    public async Task Chain_of_agents_workers_for_two_questions_share_their_chunk_as_a_prefix()
    {
        var text = TestDocuments.Paragraphs(40);
        var document = Document.FromText(text, "barrels.txt");
        const string QuestionA = "How many barrels?", QuestionB = "Who counted the oil?";
        // Each worker's notes depend on the question, so from the second worker on the previous unit differs too.
        var client = new ScriptedChatClient(call =>
        {
            if (call.Stage != ChainOfAgentsPipeline.WorkerStage) return "In paragraph 1 the sailor number 1 counted 11 barrels [C1].";
            var label = System.Text.RegularExpressions.Regex.Match(call.User, @"Part (C\d+) of the").Groups[1].Value;
            return call.User.Contains(QuestionA, StringComparison.Ordinal)
                ? $"In paragraph 1 the sailor number 1 counted 11 barrels [{label}]"
                : $"The sailors counted the oil [{label}]";
        });
        // A fixed chunk size, so both questions read the same chunks whatever their length.
        var agent = AgentTestHost.Create(client, contextLength: 1200, o => { o.ChainOfAgents.UnitTokens = 128; o.ChainOfAgents.MaxChunkTokens = 300; });

        var first = await agent.AskAsync([document], QuestionA, PipelineNames.ChainOfAgents, cancellationToken: TestContext.Current.CancellationToken);
        int firstCalls = client.Calls.Count;
        var second = await agent.AskAsync([document], QuestionB, PipelineNames.ChainOfAgents, cancellationToken: TestContext.Current.CancellationToken);

        // The answers and citations come from the scripted model's text alone, whatever the layout.
        foreach (var result in new[] { first, second })
        {
            Assert.Equal("In paragraph 1 the sailor number 1 counted 11 barrels [C1].", result.Text);
            var citation = Assert.Single(result.Citations);
            Assert.Equal("In paragraph 1 the sailor number 1 counted 11 barrels of oil on the deck.", citation.Quote);
            Assert.Equal(text[citation.Start..citation.End], citation.Quote);
        }

        var workersA = client.Calls.Take(firstCalls).Where(c => c.Stage == ChainOfAgentsPipeline.WorkerStage).ToArray();
        var workersB = client.Calls.Skip(firstCalls).Where(c => c.Stage == ChainOfAgentsPipeline.WorkerStage).ToArray();
        Assert.True(workersA.Length >= 3, $"expected several chunks, got {workersA.Length}");
        Assert.Equal(workersA.Length, workersB.Length);
        // The first worker, and a later one whose notes from the previous worker differ between the questions.
        AssertSharedPrefixHolds(workersA[0].Messages, workersB[0].Messages, "chunk", text, 1200);
        AssertSharedPrefixHolds(workersA[1].Messages, workersB[1].Messages, "chunk", text, 1200);
    }

    [Fact]
    public async Task Retrieve_then_reason_extractions_for_two_questions_share_their_chunk_as_a_prefix()
    {
        const string SourceFact = "The harpooneer Queequeg came from\nthe island of Kokovoko.";
        var text = TestDocuments.Paragraphs(12) + "\n\n" + SourceFact + " He was a prince there.\n\n" + TestDocuments.Paragraphs(12);
        var client = new ScriptedChatClient(c => c.Stage == RetrieveThenReasonPipeline.ExtractStage
            ? (c.User.Contains("Kokovoko", StringComparison.Ordinal) ? "- the harpooneer QUEEQUEG came from the island of kokovoko." : "NONE")
            : "He came from Kokovoko [P1].");
        // One in-memory index per question: the fake index keeps what it is given, as an ephemeral index per run does.
        IDocumentAgent Agent() => AgentTestHost.Create(client, configure: o => { o.RetrieveThenReason.TopK = 3; o.RetrieveThenReason.ChunkTokens = 200; }, indexFactory: new FakeChunkIndex());
        var document = Document.FromText(text, "moby.txt");

        var first = await Agent().AskAsync([document], "Where did the harpooneer Queequeg come from?", PipelineNames.RetrieveThenReason, cancellationToken: TestContext.Current.CancellationToken);
        int firstCalls = client.Calls.Count;
        var second = await Agent().AskAsync([document], "Which island was Queequeg a prince of?", PipelineNames.RetrieveThenReason, cancellationToken: TestContext.Current.CancellationToken);

        // The answers and citations come from the scripted model's text alone, whatever the layout.
        foreach (var result in new[] { first, second })
        {
            Assert.Equal("He came from Kokovoko [P1].", result.Text);
            var citation = Assert.Single(result.Citations);
            Assert.Equal(SourceFact, citation.Quote);
            Assert.Equal(text[citation.Start..citation.End], citation.Quote);
        }

        var extractsA = client.Calls.Take(firstCalls).Where(c => c.Stage == RetrieveThenReasonPipeline.ExtractStage).ToArray();
        var extractsB = client.Calls.Skip(firstCalls).Where(c => c.Stage == RetrieveThenReasonPipeline.ExtractStage).ToArray();
        var profile = Profile(4096);
        // Both questions retrieve the chunk holding the fact; that extraction's prompts share it as a prefix.
        var sourceA = extractsA.First(c => c.User.Contains("Kokovoko", StringComparison.Ordinal));
        var chunk = ValueOf(sourceA, "chunk", text, profile);
        var sourceB = Assert.Single(extractsB, c => ValueOf(c, "chunk", text, profile) == chunk);
        AssertSharedPrefixHolds(sourceA.Messages, sourceB.Messages, "chunk", text, 4096);
    }

    [Fact]
    public async Task Memory_stream_observations_for_two_questions_share_their_passage_as_a_prefix()
    {
        var text = TestDocuments.Paragraphs(30);
        var document = Document.FromText(text, "barrels.txt");
        var ct = TestContext.Current.CancellationToken;
        // Two readers whose running memory differs (their notes and summaries differ), each with a fresh memory store,
        // so every step after the first shows the model a different summary and notes beside the same passage.
        static ScriptedChatClient Reader(string tag) => new(call => call.Stage switch
        {
            "memory-stream/observe" => $"NOTE: sailors counted barrels of oil ({tag}).\nSUMMARY: Sailors count oil barrels ({tag}).\nIMPORTANCE: 4",
            "memory-stream/reflect" => "- The counting never stops [1, 2]",
            "memory-stream/answer" => "They counted barrels [1].",
            _ => throw new InvalidOperationException(call.Stage),
        });
        var readerA = Reader("first reader");
        var readerB = Reader("second reader");

        var first = await MemoryStreamAgent(readerA, "a.db").AskAsync([document], "What did the sailors count?", PipelineNames.MemoryStream, cancellationToken: ct);
        var second = await MemoryStreamAgent(readerB, "b.db").AskAsync([document], "Where were the barrels?", PipelineNames.MemoryStream, cancellationToken: ct);

        // The answers and citations come from the scripted model's text alone, whatever the layout.
        foreach (var result in new[] { first, second })
        {
            Assert.Equal("They counted barrels [1].", result.Text);
            Assert.NotEmpty(result.Citations);
            Assert.All(result.Citations, c => Assert.Equal(text[c.Start..c.End], c.Quote));
        }
        Assert.Equal(first.Citations.Select(Span), second.Citations.Select(Span));

        var observesA = readerA.CallsIn("memory-stream/observe");
        var observesB = readerB.CallsIn("memory-stream/observe");
        Assert.True(observesA.Count >= 3, $"a 30-paragraph document at a 2,048-token window is read in several chunks (got {observesA.Count})");
        Assert.Equal(observesA.Count, observesB.Count);
        for (int i = 0; i < observesA.Count; i++)
            AssertSharedPrefixHolds(observesA[i].Messages, observesB[i].Messages, "chunk", text, 2048, differ: i > 0);
    }

    private IDocumentAgent MemoryStreamAgent(IChatClient client, string database)
    {
        var services = new ServiceCollection();
        services.AddSingleton(client);
        services.AddSingleton(Profile(2048));
        services.AddAgentFramework();
        services.AddMemoryStreamPipeline(Path.Combine(_folder, database));
        return services.BuildServiceProvider().GetRequiredService<IDocumentAgent>();
    }

    private static ModelProfile Profile(int contextLength) => new("scripted", contextLength, TokenCounters.Cl100k);

    private static (int, int) Span(Citation citation) => (citation.Start, citation.End);

    /// <summary>
    /// The two calls fill the same prompt function with the same <paramref name="variable"/> (the document or chunk),
    /// and their rendered message lists share a prefix at least as long as it that holds all of it.
    /// </summary>
    private static void AssertSharedPrefixHolds(IReadOnlyList<ChatMessage> a, IReadOnlyList<ChatMessage> b, string variable, string documentText, int contextLength, bool differ = true)
    {
        var profile = Profile(contextLength);
        var valueA = ValueOf(a, variable, documentText, profile);
        Assert.Equal(valueA, ValueOf(b, variable, documentText, profile));
        Assert.True(valueA.Length >= 200, $"the {variable} is substantial ({valueA.Length} characters)");

        string renderedA = Render(a), renderedB = Render(b);
        // The first observation of a fresh memory is the same for any question; every other pair differs after the text.
        if (differ) Assert.NotEqual(renderedA, renderedB);
        int shared = CommonPrefixLength(renderedA, renderedB);
        Assert.True(shared >= valueA.Length, $"shared prefix {shared} characters < the {variable}'s {valueA.Length}");
        Assert.Contains(valueA, renderedA[..shared], StringComparison.Ordinal);
    }

    private static string ValueOf(ScriptedCall call, string variable, string documentText, ModelProfile profile) =>
        ValueOf(call.Messages, variable, documentText, profile);

    // The audit matches the call against the embedded templates and returns its variables (and checks it fits the window).
    private static string ValueOf(IReadOnlyList<ChatMessage> messages, string variable, string documentText, ModelProfile profile)
    {
        var values = PromptAudit.Check(messages, maxOutputTokens: 1, profile, documentText, "layout");
        Assert.True(values.TryGetValue(variable, out var value), $"the call has no {{{{${variable}}}}}");
        return value!;
    }

    /// <summary>The full message list in order, each with its role, as a prefix cache sees it.</summary>
    private static string Render(IReadOnlyList<ChatMessage> messages) =>
        string.Concat(messages.Select(m => $"<|{m.Role.Value}|>\n{m.Text}\n"));

    private static int CommonPrefixLength(string a, string b)
    {
        int n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }
}

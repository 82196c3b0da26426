using AgentFramework.Agents;
using AgentFramework.Agents.FullContext;
using AgentFramework.Documents;
using AgentFramework.Tokens;

namespace AgentFramework.Tests.Agents;

public class FullContextTests
{
    private static readonly ITokenCounter Counter = TokenCounters.Cl100k;

    [Fact]
    public void Middle_truncation_keeps_exactly_half_the_budget_from_each_end()
    {
        var text = TestDocuments.Paragraphs(50);
        const int budget = 301;

        var kept = MiddleTruncation.Apply(text, budget, Counter);

        Assert.True(kept.WasTruncated);
        Assert.StartsWith(kept.Head, text);
        Assert.EndsWith(kept.Tail, text);
        Assert.Equal(Counter.CountTokens(kept.Head), kept.HeadTokens);
        Assert.Equal(Counter.CountTokens(kept.Tail), kept.TailTokens);
        Assert.Equal(150, kept.HeadTokens);
        Assert.Equal(151, kept.TailTokens);
        // Longest head and tail: one more character on either side exceeds the half budget.
        Assert.True(Counter.CountTokens(text.AsSpan(0, kept.Head.Length + 1)) > 150);
        Assert.True(Counter.CountTokens(text.AsSpan(text.Length - kept.Tail.Length - 1)) > 151);
        var middle = text[kept.Head.Length..^kept.Tail.Length];
        Assert.Equal(Counter.CountTokens(middle), kept.TruncatedTokens);
        Assert.InRange(kept.DocumentTokens - kept.HeadTokens - kept.TailTokens - kept.TruncatedTokens, -2, 2);
    }

    [Fact]
    public void Text_within_the_budget_is_kept_whole()
    {
        var text = TestDocuments.Paragraphs(2);
        var kept = MiddleTruncation.Apply(text, 10_000, Counter);
        Assert.False(kept.WasTruncated);
        Assert.Equal(text, kept.Text);
        Assert.Equal(0, kept.TruncatedTokens);
    }

    [Fact]
    public async Task A_long_document_reaches_the_model_as_head_and_tail_and_the_cut_is_in_the_trace()
    {
        var client = new ScriptedChatClient(_ => "The sailors counted barrels.");
        var agent = AgentTestHost.Create(client, contextLength: 1000, o => o.FullContext.AnswerTokens = 200);
        var text = TestDocuments.Paragraphs(60);

        var result = await agent.AskAsync([Document.FromText(text)], "How many barrels?", PipelineNames.FullContext, cancellationToken: TestContext.Current.CancellationToken);

        var call = Assert.Single(client.Calls);
        Assert.Equal(200, call.Options?.MaxOutputTokens);
        var prompt = call.User;
        Assert.Contains("In paragraph 1 the sailor number 1 counted 11 barrels", prompt);
        Assert.Contains("In paragraph 60 the sailor number 6 counted 606 barrels of oil on the deck.", prompt);
        Assert.DoesNotContain("In paragraph 30 ", prompt);
        var counters = result.Trace.Counters;
        Assert.Equal(Counter.CountTokens(text), counters["document_tokens"]);
        Assert.True(counters["truncated_tokens"] > 1000);
        Assert.True(call.Messages.Sum(m => Counter.CountTokens(m.Text)) + 200 <= 1000, "prompt + reserved output fit the window");
        Assert.Equal(1, result.Trace.CallCount);
    }

    [Fact]
    public async Task Each_answer_sentence_cites_the_sentence_of_the_document_that_supports_it()
    {
        var text = TestDocuments.Paragraphs(5);
        var client = new ScriptedChatClient(_ => "In paragraph 3 sailor number 2 counted 32 barrels.\nWhales sing at night.");

        var result = await AgentTestHost.Create(client).AskAsync([Document.FromText(text, "barrels.txt")], "How many barrels?", PipelineNames.FullContext,
            cancellationToken: TestContext.Current.CancellationToken);

        // The second sentence shares no two content words with the document: it cites nothing.
        var citation = Assert.Single(result.Citations);
        Assert.Equal("In paragraph 3 the sailor number 2 counted 32 barrels of oil on the deck.", citation.Quote);
        Assert.Equal(text[citation.Start..citation.End], citation.Quote);
        Assert.Equal("barrels.txt", citation.Document);
        Assert.Null(citation.ChunkId);
    }

    [Fact]
    public async Task Citations_point_only_at_text_the_model_was_shown()
    {
        var text = TestDocuments.Paragraphs(60);
        var client = new ScriptedChatClient(_ => "In paragraph 30 the sailor number 2 counted 302 barrels of oil on the deck.");
        var agent = AgentTestHost.Create(client, contextLength: 1000, o => o.FullContext.AnswerTokens = 200);

        var result = await agent.AskAsync([Document.FromText(text)], "How many barrels?", PipelineNames.FullContext, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEmpty(result.Citations);
        var prompt = Assert.Single(client.Calls).User;
        Assert.All(result.Citations, c =>
        {
            Assert.Equal(text[c.Start..c.End], c.Quote);
            Assert.Contains(c.Quote, prompt);
            Assert.DoesNotContain("paragraph 30 ", c.Quote);
        });
    }

    [Fact]
    public async Task With_several_documents_a_citation_names_the_document_and_its_own_offsets()
    {
        var first = Document.FromText("Ishmael went to sea. The Pequod sailed in winter.", "a.txt");
        var second = Document.FromText("Queequeg came from Kokovoko. He carried a harpoon everywhere.", "b.txt");
        var client = new ScriptedChatClient(_ => "Queequeg was born on Kokovoko.");

        var result = await AgentTestHost.Create(client).AskAsync([first, second], "Where was Queequeg born?", PipelineNames.FullContext,
            cancellationToken: TestContext.Current.CancellationToken);

        var citation = Assert.Single(result.Citations);
        Assert.Equal(("b.txt", 0, "Queequeg came from Kokovoko."), (citation.Document, citation.Start, citation.Quote));
        Assert.Equal(second.Text[citation.Start..citation.End], citation.Quote);
    }
}

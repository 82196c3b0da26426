using AgentFramework.Agents.Text;
using System.Text.RegularExpressions;
using AgentFramework.Agents;
using AgentFramework.Agents.ChainOfAgents;
using AgentFramework.Agents.Execution;
using AgentFramework.Chunking;
using AgentFramework.Documents;

namespace AgentFramework.Tests.Agents;

public class EvidenceLocatorTests
{
    private const string Text =
        "Ishmael went to sea. The Pequod sailed from Nantucket in winter. Ahab lost his leg to the white whale.\n\n" +
        "Queequeg came from Kokovoko. He carried a harpoon everywhere. Starbuck drank coffee on the Pequod.";

    private static (Document Document, Chunk Chunk) SecondParagraph()
    {
        var document = Document.FromText(Text, "moby.txt");
        int start = Text.IndexOf("Queequeg", StringComparison.Ordinal);
        return (document, new Chunk("chunk-2", document.Id, 1, start, Text.Length, Text[start..], 20, null));
    }

    [Fact]
    public void A_claim_resolves_to_the_sentence_of_the_chunk_that_supports_it()
    {
        var (document, chunk) = SecondParagraph();

        var citation = Assert.Single(EvidenceLocator.InChunk("He always carried his harpoon.", document, chunk));

        Assert.Equal("He carried a harpoon everywhere.", citation.Quote);
        Assert.Equal(Text[citation.Start..citation.End], citation.Quote);
        Assert.Equal("chunk-2", citation.ChunkId);
        Assert.Equal("moby.txt", citation.Document);
    }

    [Fact]
    public void A_claim_sharing_no_content_word_cites_the_whole_chunk()
    {
        var (document, chunk) = SecondParagraph();

        // "the", "was", "it" are stop words: nothing of substance is shared.
        var citation = Assert.Single(EvidenceLocator.InChunk("It was the thing.", document, chunk));

        Assert.Equal((chunk.Start, chunk.End), (citation.Start, citation.End));
        Assert.Equal(chunk.Text, citation.Quote);
        Assert.Equal(Text[citation.Start..citation.End], citation.Quote);
    }

    [Fact]
    public void Ties_go_to_the_earliest_sentence_and_a_second_sentence_must_add_claim_words()
    {
        var document = Document.FromText(Text, "moby.txt");
        var locator = new EvidenceLocator([new EvidenceRange(document, 0, Text.Length)]);

        // "Pequod" is in two sentences equally: the earlier wins, and the later adds nothing new.
        Assert.Equal(["The Pequod sailed from Nantucket in winter."], locator.Find("PEQUOD!").Select(c => c.Quote));
        // Two facts from two sentences: both, in reading order.
        Assert.Equal(["Ishmael went to sea.", "Queequeg came from Kokovoko."],
            locator.Find("Queequeg of Kokovoko met Ishmael").Select(c => c.Quote));
        // A minimum overlap rejects a single shared word.
        Assert.Empty(locator.Find("Ahab sang songs of joy", minOverlap: 2));
    }

    [Fact]
    public void Each_label_is_paired_with_the_sentence_that_carries_it()
    {
        var claims = CitedClaims.Find(
            "The whale is white. [C2] Ahab hates it [C3].\n[C4] Starbuck likes coffee.\n- Queequeg sleeps [C1, C5]\n[C6]", 'C');

        Assert.Equal(
        [
            new CitedClaim(2, "The whale is white."), new CitedClaim(3, "Ahab hates it ."), new CitedClaim(4, "Starbuck likes coffee."),
            new CitedClaim(1, "- Queequeg sleeps"), new CitedClaim(5, "- Queequeg sleeps"), new CitedClaim(6, "- Queequeg sleeps"),
        ], claims);
    }

    [Fact]
    public async Task A_chain_of_agents_answer_citing_C2_quotes_the_exact_supporting_sentence_of_chunk_2()
    {
        var document = Document.FromText(TestDocuments.Paragraphs(30), "barrels.txt");
        string? fact = null, unit = null;
        var client = new ScriptedChatClient(call =>
        {
            if (call.Stage != ChainOfAgentsPipeline.WorkerStage)
                return "Several sailors counted barrels. " + unit!.Replace("Noted:", "In the end,", StringComparison.Ordinal);
            if (call.User.Contains("Part C2 of the", StringComparison.Ordinal))
            {
                var match = Regex.Match(call.User, @"In paragraph (\d+) the sailor number 4 counted (\d+) barrels of oil on the deck\.");
                fact = match.Value;
                unit = $"Noted: sailor number 4 of paragraph {match.Groups[1].Value} counted {match.Groups[2].Value} barrels [C2].";
            }
            return unit ?? "nothing yet";
        });
        var agent = AgentTestHost.Create(client, contextLength: 1200, o => o.ChainOfAgents.UnitTokens = 128);

        var result = await agent.AskAsync([document], "How many barrels did sailor 4 count?", PipelineNames.ChainOfAgents,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotNull(fact);
        Assert.Contains("[C2]", result.Text);
        var citation = Assert.Single(result.Citations);
        Assert.Equal(fact, citation.Quote);
        Assert.Equal(document.Text[citation.Start..citation.End], citation.Quote);
        // The span lies inside chunk 2: the chunk the second worker was shown.
        Assert.Contains(citation.Quote, client.CallsIn(ChainOfAgentsPipeline.WorkerStage)[1].User);
        Assert.DoesNotContain(citation.Quote, client.CallsIn(ChainOfAgentsPipeline.WorkerStage)[0].User);
    }

    [Fact]
    public async Task An_answer_without_labels_is_cited_through_the_labels_of_the_last_unit()
    {
        var document = Document.FromText(TestDocuments.Paragraphs(30), "barrels.txt");
        var client = new ScriptedChatClient(call => call.Stage == ChainOfAgentsPipeline.WorkerStage
            ? "In paragraph 1 sailor number 5 counted 15 barrels [C1]. Nothing relevant [C2]."
            : "Fifteen barrels.");
        var agent = AgentTestHost.Create(client, contextLength: 1200, o => o.ChainOfAgents.UnitTokens = 128);

        var result = await agent.AskAsync([document], "How many barrels?", PipelineNames.ChainOfAgents,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Citations.Count);
        Assert.Equal("In paragraph 1 the sailor number 5 counted 15 barrels of oil on the deck.", result.Citations[0].Quote);
        // "Nothing relevant" shares no content word with chunk 2: it cites the whole chunk.
        Assert.Contains("\n\n", result.Citations[1].Quote);
        Assert.All(result.Citations, c => Assert.Equal(document.Text[c.Start..c.End], c.Quote));
    }
}

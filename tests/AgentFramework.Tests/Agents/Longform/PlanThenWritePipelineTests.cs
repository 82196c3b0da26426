using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Models;
using AgentFramework.Retrieval;
using AgentFramework.Tokens;

namespace AgentFramework.Tests.Agents.Longform;

public sealed class PlanThenWritePipelineTests
{
    private static string Words(int n, string word = "whale") => string.Join(' ', Enumerable.Repeat(word, n)) + ".";

    private static readonly ModelProfile Profile = new("scripted", 8192, TokenCounters.Cl100k);

    // These tests pin each section's own corrections, so the whole-document fit (LengthControlTests) is off here.
    private static PlanThenWritePipeline Pipeline(StageScriptedChatClient client, PlanThenWriteOptions? options = null)
    {
        options ??= new PlanThenWriteOptions();
        options.FitDocumentLength = false;
        return new(client.ToCaller(), Profile, options);
    }

    private const string TwoSectionPlan =
        "Section 1 - Title: Sea - Main Point: The sea. - Word Count: 100 words\nSection 2 - Title: Ship - Main Point: The ship. - Word Count: 100 words";

    [Fact]
    public async Task A_short_section_is_continued_and_the_loop_stops_at_the_round_limit()
    {
        // Every call writes 10 words: 10 < 80 after the write and after each continuation.
        var client = new StageScriptedChatClient(call => call.Stage == "plan-then-write/plan" ? TwoSectionPlan : Words(10));
        var result = await Pipeline(client, new PlanThenWriteOptions { MaxContinuationRounds = 3 })
            .WriteAsync(new WritingRequest("Write about whaling.", 200), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, client.CallsIn("plan-then-write/write").Count);
        Assert.Equal(2 * 3, client.CallsIn("plan-then-write/continue").Count);
        foreach (var section in result.Sections)
        {
            Assert.Equal([RoundKind.Write, RoundKind.Continue, RoundKind.Continue, RoundKind.Continue], section.Rounds.Select(r => r.Kind));
            Assert.Equal([10, 20, 30, 40], section.Rounds.Select(r => r.WordsAfter));
            Assert.Equal(40, section.Words);
        }
        // Every round is in the trace, with its counts.
        var rounds = result.Trace.Artifacts.Where(a => a.Stage == "plan-then-write/round").ToList();
        Assert.Equal(8, rounds.Count);
        Assert.Contains(rounds, a => a.Name == "section 2 round 4" && a.Content.Contains("30 -> 40 words (target 100"));
        // The continuation asks for what is missing.
        Assert.Contains("about 90 more words", client.CallsIn("plan-then-write/continue")[0].UserText);
    }

    [Fact]
    public async Task Continuation_stops_once_the_section_reaches_80_percent_and_when_a_round_adds_nothing()
    {
        int continues = 0;
        var client = new StageScriptedChatClient(call => call.Stage switch
        {
            "plan-then-write/plan" => TwoSectionPlan,
            "plan-then-write/write" => call.UserText.Contains("section 1") ? Words(50) : Words(30),
            // Section 1: +40 reaches 90 ≥ 80 ⇒ stop. Section 2: the model stops writing (EOS at once) ⇒ stop, no retry.
            _ => ++continues == 1 ? Words(40) : "",
        });
        var result = await Pipeline(client, new PlanThenWriteOptions { MaxContinuationRounds = 5 })
            .WriteAsync(new WritingRequest("Write about whaling.", 200), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([RoundKind.Write, RoundKind.Continue], result.Sections[0].Rounds.Select(r => r.Kind));
        Assert.Equal(90, result.Sections[0].Words);
        Assert.Equal([RoundKind.Write, RoundKind.Continue], result.Sections[1].Rounds.Select(r => r.Kind));
        Assert.False(result.Sections[1].Rounds[^1].Accepted);
        Assert.Equal(30, result.Sections[1].Words);
    }

    [Fact]
    public async Task A_long_section_is_shortened_only_when_that_comes_closer_to_the_target()
    {
        var client = new StageScriptedChatClient(call => call.Stage switch
        {
            "plan-then-write/plan" => TwoSectionPlan,
            "plan-then-write/write" => Words(200),                                           // 200% of target
            "plan-then-write/shorten" => call.UserText.Contains("\"Sea\"") ? Words(105) : Words(400),
            _ => throw new InvalidOperationException(call.Stage),
        });
        var result = await Pipeline(client).WriteAsync(new WritingRequest("Write about whaling.", 200), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(105, result.Sections[0].Words);
        Assert.True(result.Sections[0].Rounds[^1].Accepted);
        Assert.Equal(200, result.Sections[1].Words);                 // the "shorter" text was longer: kept the original
        Assert.False(result.Sections[1].Rounds[^1].Accepted);
        Assert.Equal(2, client.CallsIn("plan-then-write/shorten").Count);
    }

    [Fact]
    public async Task The_document_reports_LongBench_Write_length_score_and_bounded_rolling_context()
    {
        var plan = "```json\n[" + string.Join(",", Enumerable.Range(1, 6).Select(i => $"{{\"title\": \"Part {i}\", \"main_point\": \"Point {i}\", \"word_count\": 500}}")) + "]\n```";
        var client = new StageScriptedChatClient(call => call.Stage == "plan-then-write/plan" ? plan : Words(450, "sea"));
        var options = new PlanThenWriteOptions { RollingContextTokens = 200 };
        var result = await Pipeline(client, options).WriteAsync(new WritingRequest("Write a long essay.", 3000), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(6, result.Sections.Count);
        Assert.Equal(3000, result.Plan.TotalWords);
        Assert.Equal(6 * 450, result.WrittenWords);                     // 450 ≥ 80% of 500: no continuation
        Assert.Equal(LengthScore.Compute(3000, result.DocumentWords), result.LengthScore, 9);
        Assert.True(result.DocumentWords > result.WrittenWords);         // title, outline and headings count for the reader
        Assert.Equal(6, result.Markdown.Split('\n').Count(l => l.StartsWith("## Part ", StringComparison.Ordinal)));
        Assert.Contains(result.Trace.Artifacts, a => a.Stage == "plan-then-write/length" && a.Content.Contains("(2700 in 6 sections"));
        // The writer never sees the whole draft: its context stays bounded however much has been written.
        var writes = client.CallsIn("plan-then-write/write");
        int last = TokenCounters.Cl100k.CountTokens(writes[^1].UserText), second = TokenCounters.Cl100k.CountTokens(writes[1].UserText);
        Assert.True(last < second + 200, $"the last write prompt ({last} tokens) grew with the draft (second: {second})");
        Assert.Contains("Section 5, Part 5: Point 5", writes[^1].UserText);
    }

    [Fact]
    public async Task Grounded_sections_retrieve_evidence_and_cite_it()
    {
        var text = "Whales breathe air. Sperm whales dive deep.\n\nShips were built of oak.";
        var document = Document.FromText(text, "facts.txt");
        var index = new FixedIndex(document, [new Chunk("k0", document.Id, 0, 0, 43, text[..43], 10, null), new Chunk("k1", document.Id, 1, 45, text.Length, text[45..], 6, null)]);
        var client = new StageScriptedChatClient(call => call.Stage switch
        {
            "plan-then-write/plan" => TwoSectionPlan,
            _ when call.UserText.Contains("\"Sea\"") => Words(90) + " Whales breathe air [E1].",
            _ => Words(95),
        });
        var result = await Pipeline(client).WriteAsync(new WritingRequest("Write about whaling.", 200), index, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, index.Queries.Count);
        Assert.Contains("Sea. The sea.", index.Queries[0]);
        Assert.All(client.CallsIn("plan-then-write/write"), c => Assert.Contains("[E1] (facts.txt) Whales breathe air.", c.UserText));
        var first = result.Sections[0];
        Assert.Equal("k0", Assert.Single(first.Citations).ChunkId);      // it cited [E1] only
        Assert.Contains("[1]", first.Text);
        Assert.DoesNotContain("[E1]", first.Text);
        Assert.Equal(2, result.Sections[1].Citations.Count);              // cited no label ⇒ credited with all it was shown
        Assert.All(result.Citations, c => Assert.Equal(text[c.Start..c.End], c.Quote));
        Assert.Contains("## Sources", result.Markdown);
    }

    [Fact]
    public async Task Bad_requests_are_user_errors()
    {
        var pipeline = Pipeline(new StageScriptedChatClient(_ => ""));
        await Assert.ThrowsAsync<AgentFramework.Errors.InvalidOptionException>(() => pipeline.WriteAsync(new WritingRequest("x", 0), cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<AgentFramework.Errors.InvalidOptionException>(() => pipeline.WriteAsync(new WritingRequest("  ", 100), cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>An index that returns its chunks for every query, in order (orchestration only: what is asked, what is cited).</summary>
    private sealed class FixedIndex(Document document, IReadOnlyList<Chunk> chunks) : IChunkIndex
    {
        public List<string> Queries { get; } = [];

        public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
        {
            Queries.Add(query.Text);
            return Task.FromResult<IReadOnlyList<SearchHit>>(chunks.Take(query.K).Select((c, i) => new SearchHit(c, document.Name, 1.0 / (i + 1))).ToList());
        }

        public Task<IngestOutcome> AddDocumentAsync(Document d, IReadOnlyList<Chunk> c, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<bool> RemoveDocumentAsync(string id, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<IndexedDocument>> ListDocumentsAsync(CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IndexStats> GetStatsAsync(CancellationToken ct = default) => throw new NotSupportedException();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

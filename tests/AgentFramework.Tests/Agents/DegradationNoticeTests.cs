using AgentFramework.Agents;
using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Agents.RetrieveThenReason;
using AgentFramework.Cli.Reading;
using AgentFramework.Documents;
using AgentFramework.Models;
using AgentFramework.Tests.Agents.Longform;
using AgentFramework.Tokens;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.Agents;

/// <summary>Whatever changes a run's result is a notice in its trace (and so in --json and on stderr), never silent.</summary>
public class DegradationNoticeTests
{
    private static readonly ModelProfile WriterProfile = new("scripted", 8192, TokenCounters.Cl100k);

    private static TraceNotice Only(PipelineTrace trace, string code) => Assert.Single(trace.Notices, n => n.Code == code);

    [Fact]
    public async Task Full_context_truncation_says_tokens_kept_dropped_and_the_percent()
    {
        var client = new ScriptedChatClient(_ => "The sailors counted barrels.");
        var agent = AgentTestHost.Create(client, contextLength: 1000, o => o.FullContext.AnswerTokens = 200);

        var result = await agent.AskAsync([Document.FromText(TestDocuments.Paragraphs(60))], "How many barrels?", PipelineNames.FullContext,
            cancellationToken: TestContext.Current.CancellationToken);

        var c = result.Trace.Counters;
        var notice = Only(result.Trace, TraceNoticeCodes.ContextTruncated);
        Assert.Contains($"kept {c["kept_tokens"]} tokens", notice.Message);
        Assert.Contains($"dropped {c["truncated_tokens"]} from the middle", notice.Message);
        Assert.Contains($"({100.0 * c["truncated_tokens"] / c["document_tokens"]:F1}%)", notice.Message);
    }

    [Fact]
    public async Task A_document_that_fits_raises_no_notice()
    {
        var agent = AgentTestHost.Create(new ScriptedChatClient(_ => "Barrels."), contextLength: 8192);
        var result = await agent.AskAsync([Document.FromText(TestDocuments.Paragraphs(3))], "How many barrels?", PipelineNames.FullContext,
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(result.Trace.Notices);
    }

    [Fact]
    public async Task An_unparseable_plan_falls_back_to_generic_sections_and_says_so()
    {
        var client = new StageScriptedChatClient(call => call.Stage == "plan-then-write/plan"
            ? "I would rather talk about the weather."
            : string.Join(' ', Enumerable.Repeat("whale", 120)) + ".");
        var result = await new PlanThenWritePipeline(client.ToCaller(), WriterProfile, new PlanThenWriteOptions { FitDocumentLength = false })
            .WriteAsync(new WritingRequest("Write about whaling.", 200, TitleAndOutline: false), cancellationToken: TestContext.Current.CancellationToken);

        var notice = Only(result.Trace, TraceNoticeCodes.PlanFallback);
        Assert.Contains($"{result.Plan.Sections.Count} generic sections", notice.Message);
        Assert.Contains(result.Trace.Artifacts, a => a.Name == "unparsed plan" && a.Content == "I would rather talk about the weather.");
    }

    [Fact]
    public async Task A_write_that_ends_under_its_target_says_by_how_much()
    {
        const string plan = "Section 1 - Title: Sea - Main Point: The sea. - Word Count: 100 words\nSection 2 - Title: Ship - Main Point: The ship. - Word Count: 100 words";
        var client = new StageScriptedChatClient(call => call.Stage == "plan-then-write/plan" ? plan : "whale whale whale whale whale whale whale whale whale whale.");
        var result = await new PlanThenWritePipeline(client.ToCaller(), WriterProfile, new PlanThenWriteOptions { MaxContinuationRounds = 1, MaxLengthRounds = 1 })
            .WriteAsync(new WritingRequest("Write about whaling.", 200, TitleAndOutline: false), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.DocumentWords < 190, $"the scripted model writes too little, got {result.DocumentWords}");
        var notice = Only(result.Trace, TraceNoticeCodes.LengthUnderTarget);
        Assert.Contains($"the document has {result.DocumentWords} words", notice.Message);
        Assert.Contains("under the 200 requested", notice.Message);
    }

    [Fact]
    public async Task Passages_quoted_but_none_grounded_is_not_said_to_be_a_missing_answer()
    {
        var client = new ScriptedChatClient(c => c.Stage == RetrieveThenReasonPipeline.ExtractStage ? "Queequeg was born in London in 1801." : "should not be called");
        var agent = AgentTestHost.Create(client, configure: o => { o.RetrieveThenReason.TopK = 3; o.RetrieveThenReason.ChunkTokens = 200; }, indexFactory: new FakeChunkIndex());

        var result = await agent.AskAsync([Document.FromText(TestDocuments.Paragraphs(20))], "Where was Queequeg born?", PipelineNames.RetrieveThenReason,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.StartsWith("No grounded passage: the model quoted 3 passage(s)", result.Text);
        Assert.NotEqual(new RetrieveThenReasonOptions().AbstentionText, result.Text);
        Assert.Contains("not evidence that the document lacks the answer", Only(result.Trace, TraceNoticeCodes.NoGroundedPassage).Message);
    }

    [Fact]
    public async Task No_passage_at_all_is_the_plain_abstention_without_a_notice()
    {
        var client = new ScriptedChatClient(c => c.Stage == RetrieveThenReasonPipeline.ExtractStage ? "NONE" : "should not be called");
        var agent = AgentTestHost.Create(client, configure: o => { o.RetrieveThenReason.TopK = 3; o.RetrieveThenReason.ChunkTokens = 200; }, indexFactory: new FakeChunkIndex());

        var result = await agent.AskAsync([Document.FromText(TestDocuments.Paragraphs(20))], "Where was Queequeg born?", PipelineNames.RetrieveThenReason,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new RetrieveThenReasonOptions().AbstentionText, result.Text);
        Assert.DoesNotContain(result.Trace.Notices, n => n.Code == TraceNoticeCodes.NoGroundedPassage);
    }

    [Fact]
    public async Task Calls_replayed_from_the_call_cache_are_a_notice()
    {
        using var temp = new AgentFramework.Tests.Models.TempFolder();
        var trace = new PipelineTrace();
        var client = ModelPipeline.Wrap(AgentFramework.Tests.Models.ScriptedChatClient.Echo(),
            new ModelPipelineOptions { Cache = new SqliteCallCache(temp.File("calls.db")), Trace = trace });
        var greedy = new ChatOptions { Temperature = 0, MaxOutputTokens = 16 };

        await client.GetResponseAsync("summarise chapter one", greedy, TestContext.Current.CancellationToken);
        Assert.Empty(trace.Notices);
        await client.GetResponseAsync("summarise chapter one", greedy, TestContext.Current.CancellationToken);

        Assert.Contains("1 of 2 model calls were replayed from the call cache", Only(trace, TraceNoticeCodes.CachedReplay).Message);
    }

    [Fact]
    public void The_cli_prints_each_notice_once_and_serialises_them_in_the_trace_summary()
    {
        var first = new PipelineTrace();
        first.Warn(TraceNoticeCodes.ChunksTruncated, "2 chunks were cut");
        first.Warn(TraceNoticeCodes.ChunksTruncated, "2 chunks were cut");
        var second = new PipelineTrace();
        second.Warn(TraceNoticeCodes.ChunksTruncated, "2 chunks were cut");
        second.Warn(TraceNoticeCodes.ContextTruncated, "dropped 10 tokens");

        var stderr = new StringWriter();
        TraceSummaryJson.PrintNotices(stderr, [first, second]);

        Assert.Equal(["warning: 2 chunks were cut", "warning: dropped 10 tokens"], stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        var json = System.Text.Json.JsonSerializer.Serialize(TraceSummaryJson.From(second), AgentFramework.Cli.Infrastructure.CliJson.Options);
        using var parsed = System.Text.Json.JsonDocument.Parse(json);
        var notices = parsed.RootElement.GetProperty("notices").EnumerateArray().Select(n => (n.GetProperty("code").GetString(), n.GetProperty("message").GetString())).ToArray();
        Assert.Equal([("chunks_truncated", "2 chunks were cut"), ("context_truncated", "dropped 10 tokens")], notices);
    }
}

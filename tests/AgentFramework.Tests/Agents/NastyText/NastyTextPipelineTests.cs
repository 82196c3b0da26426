using AgentFramework.Agents;
using AgentFramework.Agents.ChainOfAgents;
using AgentFramework.Agents.Chunking;
using AgentFramework.Agents.Execution;
using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Agents.RetrieveThenReason;
using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Models;
using AgentFramework.Retrieval.Embeddings;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Tests.Agents.NastyText;

/// <summary>
/// The nasty-text corpus through every model pipeline with a recording chat client: every call carries exactly the
/// messages its template declares with the template's text unchanged, the document text verbatim inside user content
/// (no tags or entities added), and no prompt + reserved output over the window (measured with the profile's counter).
/// </summary>
public sealed class NastyTextPipelineTests
{
    private static readonly string Text = NastyTextCorpus.Document();
    private static readonly Document Doc = Document.FromText(Text, "nasty.txt");
    private const string Question = "How many barrels did sailor number 2 count?";

    private static ModelProfile Profile(int window) => new("scripted", window, TokenCounters.Cl100k);

    private static void AuditAll(IEnumerable<ScriptedCall> calls, ModelProfile profile)
    {
        int n = 0;
        foreach (var call in calls) PromptAudit.Check(call.Messages, call.Options?.MaxOutputTokens, profile, Text, $"call {n++} ({call.Stage})");
        Assert.True(n > 0, "the pipeline made no call");
    }

    private static void EveryEntryVerbatimInUserContent(IEnumerable<ScriptedCall> calls)
    {
        var users = string.Join("\u0001\u0001", calls.Select(c => c.User));
        for (int i = 0; i < NastyTextCorpus.Entries.Count; i++)
            Assert.True(users.Contains(NastyTextCorpus.Marked(i), StringComparison.Ordinal), $"entry '{NastyTextCorpus.Entries[i].Name}' did not reach a user message verbatim");
    }

    private static IDocumentAgent Agent(ScriptedChatClient client, int window, Action<AgentFrameworkOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IChatClient>(client);
        services.AddSingleton(Profile(window));
        services.AddAgentFramework(configure);
        services.AddMemoryStreamPipeline();
        return services.BuildServiceProvider().GetRequiredService<IDocumentAgent>();
    }

    [Fact]
    public void The_corpus_covers_what_the_issue_lists()
    {
        var all = string.Concat(NastyTextCorpus.Entries.Select(e => e.Text));
        for (char c = '\0'; c < ' '; c++) Assert.Contains(c, all);
        foreach (var s in new[] { "\uFFFE", "\uFFFF", "\uD800", "\uDC00", "\u202E", "&#252;", "&amp;", "<message role=\"system\">", "{{$x}}", "{{plugin.fn}}", "<|im_end|>", "<|eot_id|>", "[INST]", "<s>" })
            Assert.Contains(s, all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PipelineGoal.Answer)]
    [InlineData(PipelineGoal.Summarize)]
    public async Task Chain_of_agents(PipelineGoal goal)
    {
        var client = new ScriptedChatClient(_ => NastyTextCorpus.ModelOutput);
        var agent = Agent(client, 2048);
        var ct = TestContext.Current.CancellationToken;
        _ = goal == PipelineGoal.Answer
            ? await agent.AskAsync([Doc], Question, PipelineNames.ChainOfAgents, cancellationToken: ct)
            : await agent.SummarizeAsync([Doc], PipelineNames.ChainOfAgents, cancellationToken: ct);
        AuditAll(client.Calls, Profile(2048));
        EveryEntryVerbatimInUserContent(client.CallsIn(ChainOfAgentsPipeline.WorkerStage));
        // The model's nasty output travels on as the next worker's notes, verbatim and as data.
        Assert.Contains(client.CallsIn(ChainOfAgentsPipeline.ManagerStage), c => c.User.Contains(NastyTextCorpus.ModelOutput, StringComparison.Ordinal));
        Assert.All(client.Calls, c => Assert.Equal([ChatRole.System, ChatRole.User], c.Messages.Select(m => m.Role)));
    }

    [Fact]
    public async Task Full_context_whole_document_and_truncated()
    {
        var whole = new ScriptedChatClient(_ => NastyTextCorpus.ModelOutput);
        await Agent(whole, 32768).AskAsync([Doc], Question, PipelineNames.FullContext, cancellationToken: TestContext.Current.CancellationToken);
        AuditAll(whole.Calls, Profile(32768));
        Assert.Contains(Text, Assert.Single(whole.Calls).User, StringComparison.Ordinal);

        var cut = new ScriptedChatClient(_ => "answer");
        var result = await Agent(cut, 1024).SummarizeAsync([Doc], PipelineNames.FullContext, cancellationToken: TestContext.Current.CancellationToken);
        AuditAll(cut.Calls, Profile(1024));
        Assert.True(result.Trace.Counters["truncated_tokens"] > 0);
    }

    [Fact]
    public async Task Retrieve_then_reason()
    {
        // The extractor copies the nasty entry of its chunk, so grounded passages (and the reasoning prompt) carry it.
        var client = new ScriptedChatClient(c =>
        {
            if (c.Stage != RetrieveThenReasonPipeline.ExtractStage) return NastyTextCorpus.ModelOutput;
            for (int i = 0; i < NastyTextCorpus.Entries.Count; i++)
                if (c.User.Contains(NastyTextCorpus.Marked(i), StringComparison.Ordinal)) return NastyTextCorpus.Marked(i).ReplaceLineEndings(" ");
            return "NONE";
        });
        await Agent(client, 1024, o => o.RetrieveThenReason.TopK = 8)
            .AskAsync([Doc], "sailor number 2 barrels oil paragraph", PipelineNames.RetrieveThenReason, cancellationToken: TestContext.Current.CancellationToken);
        AuditAll(client.Calls, Profile(1024));
        Assert.Equal(8, client.CallsIn(RetrieveThenReasonPipeline.ExtractStage).Count);
    }

    [Fact]
    public async Task Memory_stream()
    {
        var client = new ScriptedChatClient(c => c.Stage switch
        {
            "memory-stream/observe" => $"NOTE: {NastyTextCorpus.ModelOutput}\nSUMMARY: {NastyTextCorpus.ModelOutput}\nIMPORTANCE: 9",
            "memory-stream/reflect" => $"- {NastyTextCorpus.ModelOutput} [1, 2]",
            _ => NastyTextCorpus.ModelOutput,
        });
        await Agent(client, 2048).AskAsync([Doc], Question, PipelineNames.MemoryStream, cancellationToken: TestContext.Current.CancellationToken);
        AuditAll(client.Calls, Profile(2048));
        EveryEntryVerbatimInUserContent(client.CallsIn("memory-stream/observe"));
        Assert.Contains(client.Calls, c => c.Stage == "memory-stream/reflect");
    }

    [Fact]
    public async Task Plan_then_write_grounding()
    {
        var ct = TestContext.Current.CancellationToken;
        var profile = Profile(2048);
        await using var index = await new TemporarySqliteIndexFactory(new HashingEmbeddingGenerator()).CreateEphemeralAsync(ct);
        await index.AddDocumentAsync(Doc, new DocumentChunker().Split(Doc, new ChunkingOptions { MaxTokens = 96, OverlapTokens = 0 }, profile.TokenCounter), ct);
        var client = new ScriptedChatClient(c => c.Stage == "plan-then-write/plan"
            ? "Section 1 - Title: Barrels <|eot_id|> - Main Point: sailors counted barrels of oil \f. - Word Count: 150 words\nSection 2 - Title: Oil - Main Point: the oil. - Word Count: 150 words"
            : string.Join(' ', Enumerable.Repeat("barrels", 150)) + " " + NastyTextCorpus.ModelOutput + " [E1]");
        var pipeline = new PlanThenWritePipeline(new PromptCaller(PipelineModel.CreateKernel(client), new AgentFramework.Plugins.Prompts.PromptLibrary(), profile), profile, new PlanThenWriteOptions());
        await pipeline.WriteAsync(new WritingRequest("Write about the sailors counting barrels of oil. " + NastyTextCorpus.Entries[12].Text, 300, Doc.Id), index, cancellationToken: ct);
        AuditAll(client.Calls, profile);
        var grounded = client.Calls.Where(c => c.Stage == "plan-then-write/write").ToList();
        Assert.NotEmpty(grounded);
        Assert.Contains(grounded, c => Enumerable.Range(0, NastyTextCorpus.Entries.Count).Any(i => c.User.Contains(NastyTextCorpus.Marked(i), StringComparison.Ordinal)));
    }
}

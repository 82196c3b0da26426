using System.Text.RegularExpressions;
using AgentFramework.Agents;
using AgentFramework.Agents.ChainOfAgents;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.Agents;

public class ChainOfAgentsTests
{
    private static readonly Regex ChunkLabel = new(@"Part (C\d+) of the");

    // Worker i writes "UNIT-i" citing the chunk it read; the manager answers citing the last unit's label.
    private static string Script(ScriptedCall call)
    {
        if (call.Stage == ChainOfAgentsPipeline.WorkerStage)
        {
            var label = ChunkLabel.Match(call.User).Groups[1].Value;
            return $"UNIT-{label} notes about barrels [{label}]";
        }
        return "The answer is barrels " + Regex.Match(call.User, @"\[C\d+\]").Value;
    }

    [Fact]
    public async Task Worker_i_plus_1_reads_unit_i_and_the_manager_reads_only_the_last_unit()
    {
        var client = new ScriptedChatClient(Script);
        var agent = AgentTestHost.Create(client, contextLength: 1200, o => o.ChainOfAgents.UnitTokens = 128);
        var document = Document.FromText(TestDocuments.Paragraphs(40), "barrels.txt");

        var result = await agent.AskAsync([document], "How many barrels?", PipelineNames.ChainOfAgents, cancellationToken: TestContext.Current.CancellationToken);

        var workers = client.CallsIn(ChainOfAgentsPipeline.WorkerStage);
        var managers = client.CallsIn(ChainOfAgentsPipeline.ManagerStage);
        Assert.True(workers.Count >= 3, $"expected several chunks, got {workers.Count}");
        Assert.Single(managers);
        Assert.Equal(workers.Count + 1, result.Trace.CallCount);
        Assert.Equal(workers.Count, result.Trace.Stages()[ChainOfAgentsPipeline.WorkerStage].Calls);
        Assert.Contains("(none yet", workers[0].User);
        for (int i = 1; i < workers.Count; i++)
        {
            Assert.Contains($"UNIT-C{i} ", workers[i].User);
            Assert.DoesNotContain($"UNIT-C{i - 1} ", i >= 2 ? workers[i].User : "");
        }
        // The manager sees the last unit, no earlier unit and no document text.
        Assert.Contains($"UNIT-C{workers.Count} ", managers[0].User);
        Assert.DoesNotContain($"UNIT-C{workers.Count - 1} ", managers[0].User);
        Assert.DoesNotContain("sailor number", managers[0].User);
        // Workers' output is capped by max_tokens = the unit budget, at temperature 0.
        Assert.All(workers, w => Assert.Equal(128, w.Options?.MaxOutputTokens));
        Assert.All(workers, w => Assert.Equal(0f, w.Options?.Temperature));
        Assert.Equal(512, managers[0].Options?.MaxOutputTokens);
    }

    [Fact]
    public async Task Every_citation_resolves_to_the_exact_source_text()
    {
        var client = new ScriptedChatClient(Script);
        var agent = AgentTestHost.Create(client, contextLength: 1200, o => o.ChainOfAgents.UnitTokens = 128);
        var document = Document.FromText(TestDocuments.Paragraphs(30), "barrels.txt");

        var result = await agent.AskAsync([document], "How many barrels?", PipelineNames.ChainOfAgents, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEmpty(result.Citations);
        Assert.All(result.Citations, c =>
        {
            Assert.Equal("barrels.txt", c.Document);
            Assert.Equal(document.Text[c.Start..c.End], c.Quote);
        });
        // The manager cited the last chunk for "barrels": the result quotes the first sentence of that chunk saying so,
        // not the whole chunk.
        var citation = Assert.Single(result.Citations);
        Assert.Matches(@"^In paragraph \d+ the sailor number \d+ counted \d+ barrels of oil on the deck\.$", citation.Quote);
        Assert.Contains(citation.Quote, client.CallsIn(ChainOfAgentsPipeline.WorkerStage)[^1].User);
        Assert.All(result.Trace.Artifacts.SelectMany(a => a.Citations ?? []), c => Assert.Equal(document.Text[c.Start..c.End], c.Quote));
    }

    [Fact]
    public async Task A_worker_that_writes_past_the_unit_budget_is_truncated_by_the_token_counter()
    {
        var longUnit = string.Join(" ", Enumerable.Repeat("barrels everywhere", 400));
        var client = new ScriptedChatClient(c => c.Stage == ChainOfAgentsPipeline.WorkerStage ? longUnit : "done");
        var agent = AgentTestHost.Create(client, contextLength: 1200, o => o.ChainOfAgents.UnitTokens = 100);

        var result = await agent.AskAsync([Document.FromText(TestDocuments.Paragraphs(20))], "How many barrels?", PipelineNames.ChainOfAgents, cancellationToken: TestContext.Current.CancellationToken);

        var units = result.Trace.Artifacts.Where(a => a.Stage == ChainOfAgentsPipeline.WorkerStage).ToArray();
        Assert.NotEmpty(units);
        Assert.All(units, u => Assert.Equal(100, TokenCounters.Cl100k.CountTokens(u.Content)));
    }

    [Fact]
    public async Task Chunk_size_is_window_minus_output_instruction_and_unit()
    {
        var client = new ScriptedChatClient(Script);
        var agent = AgentTestHost.Create(client, contextLength: 1500, o => o.ChainOfAgents.UnitTokens = 200);
        var document = Document.FromText(TestDocuments.Paragraphs(40), "barrels.txt");

        var result = await agent.AskAsync([document], "How many barrels?", PipelineNames.ChainOfAgents, cancellationToken: TestContext.Current.CancellationToken);

        var plan = result.Trace.Artifacts.Single(a => a.Name == "plan").Content;
        var numbers = Regex.Matches(plan, @"(\w+)=(\d+)").ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));
        Assert.Equal(1500 - 200 - numbers["instruction_tokens"] - 200, numbers["chunk_tokens"]);
        Assert.True(numbers["instruction_tokens"] > 50);
        // Every worker prompt fits the window with room for its output.
        Assert.All(client.CallsIn(ChainOfAgentsPipeline.WorkerStage), w =>
            Assert.True(w.Messages.Sum(m => TokenCounters.Cl100k.CountTokens(m.Text)) + 200 <= 1500));
    }

    [Fact]
    public async Task A_context_too_small_for_the_budgets_is_a_user_error()
    {
        var agent = AgentTestHost.Create(new ScriptedChatClient(_ => "x"), contextLength: 600, o => o.ChainOfAgents.UnitTokens = 256);
        var error = await Assert.ThrowsAsync<ModelException>(() =>
            agent.AskAsync([Document.FromText("Some text.")], "Why?", PipelineNames.ChainOfAgents, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("too small", error.Message);
    }

    [Fact]
    public async Task Code_mode_names_each_file_in_the_worker_prompt()
    {
        var a = "namespace Demo;\n\npublic class Alpha { public int Run() => 1; }\n";
        var b = "namespace Demo;\n\npublic class Beta { public int Walk() => 2; }\n";
        var text = a + b;
        var document = new Document(DocumentId.ForText(text), "src", text, DocumentKind.Collection, [],
            SourceMap.SingleFile("src", text), [new DocumentFile("Alpha.cs", "csharp", 0, a.Length), new DocumentFile("Beta.cs", "csharp", a.Length, text.Length)], []);
        var client = new ScriptedChatClient(c => c.Stage == ChainOfAgentsPipeline.WorkerStage ? "notes [C1]" : "summary [C1]");
        var agent = AgentTestHost.Create(client);

        var result = await agent.SummarizeAsync([document], PipelineNames.ChainOfAgents, cancellationToken: TestContext.Current.CancellationToken);

        var worker = Assert.Single(client.CallsIn(ChainOfAgentsPipeline.WorkerStage));
        Assert.Contains("(src, files Alpha.cs, Beta.cs)", worker.User);
        Assert.Contains("codebase", worker.System);
        Assert.Equal(text, result.Citations.Single().Quote);
    }

    [Fact]
    public async Task A_folder_of_prose_files_is_read_as_prose_not_code()
    {
        var a = "# Notes\n\nThe crew counted barrels of oil.\n";
        var b = "# More notes\n\nAhab paced the deck.\n";
        var text = a + b;
        var document = new Document(DocumentId.ForText(text), "notes", text, DocumentKind.Collection, [],
            SourceMap.SingleFile("notes", text), [new DocumentFile("a.md", "markdown", 0, a.Length), new DocumentFile("b.md", "markdown", a.Length, text.Length)], []);
        var client = new ScriptedChatClient(c => c.Stage == ChainOfAgentsPipeline.WorkerStage ? "notes [C1]" : "summary [C1]");

        await AgentTestHost.Create(client).SummarizeAsync([document], PipelineNames.ChainOfAgents, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains("summarising a long document", client.Calls[0].System);
    }

    [Fact]
    public async Task Summary_mode_uses_the_summary_prompts()
    {
        var client = new ScriptedChatClient(c => c.Stage == ChainOfAgentsPipeline.WorkerStage ? "running summary [C1]" : "final [C1]");
        var agent = AgentTestHost.Create(client);

        var result = await agent.SummarizeAsync([Document.FromText(TestDocuments.Paragraphs(3))], PipelineNames.ChainOfAgents, new PipelineRunOptions { SummaryWords = 120 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("final [C1]", result.Text);
        Assert.Contains("summarising", client.Calls[0].System);
        Assert.Contains("at most 120 words", client.Calls[^1].User);
    }
}

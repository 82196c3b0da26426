using AgentFramework.Agents;
using AgentFramework.Agents.ChainOfAgents;
using AgentFramework.Agents.Execution;
using AgentFramework.Agents.RetrieveThenReason;
using AgentFramework.Documents;
using AgentFramework.Models;
using AgentFramework.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.IntegrationTests.Agents;

/// <summary>
/// Every pipeline end to end through the real ONNX runtime on the tiny random-weight Llama export (2,048-token window,
/// its own tokenizer), behind the real model middleware, with the real chunker, loader and SQLite index. The model's
/// text is noise; what is checked is the plan: n workers + 1 manager, k extracts + 1 reason (or an abstention), 1 call.
/// </summary>
public sealed class TinyLlamaPipelineTests
{
    private static readonly string Book = string.Join("\n\n", Enumerable.Range(1, 60).Select(p =>
        $"Chapter {p}. The crew of the Pequod counted {p * 7} barrels of whale oil while Ahab paced the quarter-deck, " +
        $"and Starbuck, the first mate, kept the log of the voyage in his cabin below the deck."));

    private static ServiceProvider Services(out ModelProfile profile)
    {
        var model = OnnxModel.Load(SharedData.TinyLlama);
        profile = model.Profile;
        var services = new ServiceCollection();
        services.AddSingleton<IChatClient>(ModelPipeline.Wrap(new OnnxChatClient(model, ownsModel: true), new ModelPipelineOptions { TokenCounter = model.Profile.TokenCounter }));
        services.AddSingleton(model.Profile);
        services.AddAgentFramework(o =>
        {
            o.ChainOfAgents.UnitTokens = 48;
            o.ChainOfAgents.AnswerTokens = 32;
            o.RetrieveThenReason.TopK = 3;
            o.RetrieveThenReason.ExtractTokens = 32;
            o.RetrieveThenReason.AnswerTokens = 32;
            o.FullContext.AnswerTokens = 32;
        });
        return services.BuildServiceProvider();
    }

    private static int PlannedWorkers(PipelineResult result) =>
        int.Parse(result.Trace.Artifacts.Single(a => a.Name == "plan").Content.Split("workers=")[1]);

    [Fact]
    public async Task Chain_of_agents_runs_n_workers_and_one_manager_on_a_multi_chunk_book()
    {
        await using var provider = Services(out var profile);
        var agent = provider.GetRequiredService<IDocumentAgent>();

        var result = await agent.AskAsync([Document.FromText(Book, "book.txt")], "How many barrels?", PipelineNames.ChainOfAgents,
            cancellationToken: TestContext.Current.CancellationToken);

        int n = PlannedWorkers(result);
        Assert.True(n >= 2, $"the book should need several chunks in a {profile.ContextLength}-token window, got {n}");
        var stages = result.Trace.Stages();
        Assert.Equal(n, stages[ChainOfAgentsPipeline.WorkerStage].Calls);
        Assert.Equal(1, stages[ChainOfAgentsPipeline.ManagerStage].Calls);
        Assert.Equal(n + 1, result.Trace.CallCount);
        Assert.All(result.Trace.Calls, c => Assert.True(c.PromptTokens + c.CompletionTokens <= profile.ContextLength));
        Assert.All(result.Citations, c => Assert.Equal(Book[c.Start..c.End], c.Quote));
    }

    [Fact]
    public async Task Chain_of_agents_reads_a_source_folder_in_code_mode()
    {
        var folder = Directory.CreateTempSubdirectory("agentfw-code");
        try
        {
            for (int f = 0; f < 6; f++)
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, $"Module{f}.cs"), string.Join("\n\n", Enumerable.Range(0, 25).Select(m =>
                    $"    /// <summary>Adds {m} to the value of module {f}.</summary>\n    public static int Add{m}(int value) => value + {m};")).Insert(0, $"namespace Demo;\n\npublic static class Module{f}\n{{\n") + "\n}\n",
                    TestContext.Current.CancellationToken);
            var codebase = await new DocumentLoader().LoadAsync(folder.FullName, TestContext.Current.CancellationToken);
            await using var provider = Services(out _);

            var result = await provider.GetRequiredService<IDocumentAgent>().SummarizeAsync([codebase], PipelineNames.ChainOfAgents,
                cancellationToken: TestContext.Current.CancellationToken);

            int n = PlannedWorkers(result);
            Assert.True(n >= 2);
            Assert.Equal(n + 1, result.Trace.CallCount);
            Assert.All(result.Citations, c => Assert.Equal(codebase.Text[c.Start..c.End], c.Quote));
        }
        finally { folder.Delete(true); }
    }

    [Fact]
    public async Task Retrieve_then_reason_makes_k_extract_calls_then_reasons_or_abstains()
    {
        await using var provider = Services(out _);
        var result = await provider.GetRequiredService<IDocumentAgent>().AskAsync([Document.FromText(Book, "book.txt")], "Who kept the log?",
            PipelineNames.RetrieveThenReason, cancellationToken: TestContext.Current.CancellationToken);

        var stages = result.Trace.Stages();
        Assert.Equal(3, stages[RetrieveThenReasonPipeline.ExtractStage].Calls);
        long grounded = result.Trace.Counters.GetValueOrDefault("grounded_passages");
        // The random-weight model rarely copies a real sentence: with none grounded the pipeline abstains without a reasoning call.
        Assert.Equal(grounded > 0 ? 4 : 3, result.Trace.CallCount);
        // Passages quoted but none grounded is a grounding failure, said as such; no passage at all is the abstention.
        long ungrounded = result.Trace.Counters.GetValueOrDefault("ungrounded_passages");
        if (grounded == 0)
            Assert.Equal(ungrounded > 0 ? string.Format(System.Globalization.CultureInfo.InvariantCulture, new RetrieveThenReasonOptions().NoGroundedPassageText, ungrounded)
                : new RetrieveThenReasonOptions().AbstentionText, result.Text);
        Assert.All(result.Citations, c => Assert.Equal(Book[c.Start..c.End], c.Quote));
    }

    [Fact]
    public async Task Full_context_makes_one_call_with_the_middle_cut_to_fit_the_window()
    {
        await using var provider = Services(out var profile);
        var result = await provider.GetRequiredService<IDocumentAgent>().SummarizeAsync([Document.FromText(Book)], PipelineNames.FullContext,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, result.Trace.CallCount);
        Assert.True(result.Trace.Counters["truncated_tokens"] > 0);
        Assert.True(result.Trace.Calls[0].PromptTokens + 32 <= profile.ContextLength);
    }
}

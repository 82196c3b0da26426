using System.Text;
using AgentFramework.Agents;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Models;
using AgentFramework.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.IntegrationTests.Budgets;

/// <summary>
/// The budget invariant over a grid: windows 512 … 8k × every model pipeline (plan-then-write writing from the document's
/// opening as its instruction) × three documents (Moby Dick, a LaRA book, a source folder). The profile is the tiny Llama's own tokenizer and chat template (so scaffolding is counted as the
/// runtime encodes it) with the window set per cell; a recording client stands in for generation. Every cell either
/// completes with prompt + reserved output ≤ window on every call, or refuses before its first call with a user error
/// naming a flag. Documents are cut to a prefix so the grid stays fast.
/// </summary>
public sealed class WindowGridTests
{
    private static readonly int[] Windows = [512, 1024, 2048, 4096, 8192];
    private static readonly string[] Pipelines = [PipelineNames.ChainOfAgents, PipelineNames.RetrieveThenReason, PipelineNames.MemoryStream, PipelineNames.FullContext, PipelineNames.PlanThenWrite];

    // Plan-then-write writes from an instruction: the document's opening as a long one (cut to its budget), 800 words.
    private const int WriteWords = 800;
    private const int InstructionChars = 3_000;
    private const int DocumentChars = 12_000;

    // Long enough to fill any output budget; carries a chunk label and a control character like a real model might.
    private static readonly string Reply = "NOTE: the sailors counted barrels [C1] \u0003.\nSUMMARY: " + string.Join(' ', Enumerable.Repeat("the crew of the ship sailed on and counted oil [C1]", 80)) + "\nIMPORTANCE: 7";

    [Fact]
    public async Task Every_cell_completes_within_budget_or_refuses_before_the_first_call()
    {
        var ct = TestContext.Current.CancellationToken;
        using var model = OnnxModel.Load(SharedData.TinyLlama);
        var baseProfile = LocalModelLoader.WithChatTemplateCounter(model);
        var documents = await Documents(ct);

        var table = new StringBuilder("| document | pipeline | " + string.Join(" | ", Windows) + " |\n|---|---|" + string.Concat(Windows.Select(_ => "---|")) + "\n");
        var failures = new List<string>();
        foreach (var (name, document) in documents)
            foreach (var pipeline in Pipelines)
            {
                table.Append($"| {name} | {pipeline} |");
                foreach (var window in Windows)
                {
                    var profile = baseProfile with { ContextLength = window };
                    var client = new RecordingChatClient(_ => Reply, profile.TokenCounter);
                    string cell;
                    try
                    {
                        var agent = Agent(client, profile);
                        _ = pipeline switch
                        {
                            PipelineNames.RetrieveThenReason => await agent.AskAsync([document], "What did the crew count?", pipeline, cancellationToken: ct),
                            PipelineNames.PlanThenWrite => await agent.RunAsync(pipeline, new PipelineRequest([], PipelineGoal.Write,
                                "Write an essay in the manner of this text:\n" + document.Text[..Math.Min(InstructionChars, document.Text.Length)], WriteWords), cancellationToken: ct),
                            _ => await agent.SummarizeAsync([document], pipeline, cancellationToken: ct),
                        };
                        int worst = 0;
                        foreach (var call in client.Calls)
                        {
                            int used = profile.PromptCounter.CountPromptTokens(call.Messages) + (call.MaxOutputTokens ?? window);
                            worst = Math.Max(worst, used);
                            if (used > window) failures.Add($"{name}/{pipeline}/{window}: {call.Stage} uses {used} > {window}");
                        }
                        cell = $"ok {client.Calls.Count} calls, max {worst}";
                    }
                    catch (UserInputException e)
                    {
                        if (client.Calls.Count > 0) failures.Add($"{name}/{pipeline}/{window}: refused after {client.Calls.Count} calls: {e.Message}");
                        // The library names the option (Type.Member); the CLI turns it into the flag a user changes.
                        if (!LibraryOptionFlags.Translate(e.Message).Contains("--", StringComparison.Ordinal)) failures.Add($"{name}/{pipeline}/{window}: refusal names no option the CLI maps to a flag: {e.Message}");
                        cell = $"refused ({e.Target})";
                    }
                    catch (Exception e)
                    {
                        failures.Add($"{name}/{pipeline}/{window}: {e.GetType().Name}: {e.Message}");
                        cell = "FAILED";
                    }
                    table.Append($" {cell} |");
                }
                table.Append('\n');
            }
        TestContext.Current.TestOutputHelper?.WriteLine(table.ToString());
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "agentfw-window-grid.md"), table.ToString());
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + table);
    }

    private static IDocumentAgent Agent(IChatClient client, ModelProfile profile)
    {
        var services = new ServiceCollection();
        services.AddSingleton(client);
        services.AddSingleton(profile);
        services.AddAgentFramework();
        services.AddMemoryStreamPipeline();
        return services.BuildServiceProvider().GetRequiredService<IDocumentAgent>();
    }

    private static async Task<List<(string, Document)>> Documents(CancellationToken ct)
    {
        var moby = await File.ReadAllTextAsync(SharedData.RequireFile("data/moby-dick/moby-dick.txt"), ct);
        var laraFolder = SharedData.RequireDirectory("data/lara/32k/book");
        var book = Directory.GetFiles(laraFolder, "*.txt").Order(StringComparer.Ordinal).First();
        var lara = await File.ReadAllTextAsync(book, ct);
        var code = await new DocumentLoader().LoadAsync(Path.Combine(RepositoryRoot(), "agents", "AgentFramework.Agents", "ChainOfAgents"), ct);
        // A prefix from past the Gutenberg header (Moby Dick's form feeds and all).
        return
        [
            ("moby-dick", Document.FromText(moby.Substring(Math.Min(20_000, moby.Length / 2), DocumentChars), "moby-dick.txt")),
            ($"lara:{Path.GetFileNameWithoutExtension(book)}", Document.FromText(lara[..Math.Min(DocumentChars, lara.Length)], Path.GetFileName(book))),
            ("source-folder", code),
        ];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (AgentFramework.sln) was not found above the test binaries");
    }
}

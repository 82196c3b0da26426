using AgentFramework.Agents;
using AgentFramework.Citations;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Runner;
using AgentFramework.Tests.Evaluation;
using AgentFramework.Models;
using AgentFramework.Tests.Agents;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentFramework.Tests.Extensibility;

/// <summary>Options of the pipeline this test project adds; validated like the built-in ones.</summary>
public sealed class KeywordLinesOptions
{
    public int MaxLines { get; set; } = 2;
}

/// <summary>
/// A pipeline added from outside the framework (no framework file edited): answers with the lines that share the most
/// words with the question, cites them, and counts what it did in the run's trace.
/// </summary>
public sealed class KeywordLinesPipeline(IOptions<KeywordLinesOptions> options) : IDocumentPipeline
{
    public const string Name = "keyword-lines";

    string IDocumentPipeline.Name => Name;

    public bool NeedsModel => false;

    public bool Supports(PipelineGoal goal) => goal == PipelineGoal.Answer;

    public Task<PipelineResult> RunAsync(PipelineRequest request, PipelineRun run, CancellationToken cancellationToken)
    {
        var words = Words(request.Question!);
        var lines = new List<(Citation Citation, int Shared)>();
        foreach (var document in request.Documents)
        {
            int start = 0;
            foreach (var line in document.Text.Split('\n'))
            {
                int shared = Words(line).Count(words.Contains);
                if (shared > 0) lines.Add((new Citation(document.Name, start, start + line.Length, line), shared));
                start += line.Length + 1;
            }
        }
        var picked = lines.OrderByDescending(l => l.Shared).ThenBy(l => l.Citation.Start).Take(options.Value.MaxLines).Select(l => l.Citation).ToArray();
        run.Trace.Increment("keyword_lines", picked.Length);
        return Task.FromResult(new PipelineResult(string.Join("\n", picked.Select(c => c.Quote)), picked, run.Trace));
    }

    private static HashSet<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', '?', '.', ','], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3).ToHashSet();
}

/// <summary>A pipeline that calls the registered model directly: its calls land in the run's trace under its name.</summary>
public sealed class EchoModelPipeline(IChatClient chat) : IDocumentPipeline
{
    public string Name => "echo-model";

    public bool NeedsModel => true;

    public bool Supports(PipelineGoal goal) => goal != PipelineGoal.Write;

    public async Task<PipelineResult> RunAsync(PipelineRequest request, PipelineRun run, CancellationToken cancellationToken)
    {
        run.PlanCalls(1, Name);
        var response = await chat.GetResponseAsync(request.Instruction, cancellationToken: cancellationToken);
        run.CallFinished(Name);
        return new PipelineResult(response.Text, [], run.Trace);
    }
}

/// <summary>
/// Adding a pipeline is one class plus one registration: the test project registers its own pipelines and runs them
/// through the entries the CLI (<see cref="PipelineServices"/> → <see cref="IDocumentAgent"/>) and the bench
/// (<see cref="AgentPipelineHost"/> → <see cref="BenchmarkRunner"/>) use.
/// </summary>
public class PipelineExtensionTests
{
    private const string Log = "The cook made soup.\nThe captain counted barrels of oil.\nThe mate slept.\nBarrels of oil filled the hold.";

    [Fact]
    public async Task A_pipeline_registered_from_the_test_project_runs_through_the_CLI_composition_root()
    {
        await using var services = PipelineServices.Build(null, null,
            pipelines: builder => builder.AddPipeline<KeywordLinesPipeline, KeywordLinesOptions>(KeywordLinesPipeline.Name, o => o.MaxLines = 1));
        var agent = services.GetRequiredService<IDocumentAgent>();

        var result = await agent.AskAsync([Document.FromText(Log, "log.txt")], "Who counted the barrels of oil?", "Keyword-Lines",
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(KeywordLinesPipeline.Name, agent.Pipelines);
        Assert.Equal("The captain counted barrels of oil.", result.Text);
        var citation = Assert.Single(result.Citations);
        Assert.Equal(Log[citation.Start..citation.End], citation.Quote);
        Assert.Equal(1, result.Trace.Counters["keyword_lines"]);
        Assert.Contains(result.Trace.Artifacts, a => a.Stage == KeywordLinesPipeline.Name && a.Name == "result");
    }

    [Fact]
    public async Task The_added_pipeline_runs_in_a_benchmark_beside_a_built_in_one()
    {
        using var folder = new TempFolder();
        await using var host = AgentPipelineHost.Create(null, null, null, Path.Combine(folder.Path, "scratch"),
            pipelines: builder => builder.AddPipeline<KeywordLinesPipeline, KeywordLinesOptions>(KeywordLinesPipeline.Name));
        var cases = new[]
        {
            new BenchmarkCase("log-1", "extension", TaskKind.QuestionAnswering, [Document.FromText(Log, "log.txt")], "What did the cook make?",
                ["The cook made soup."], [ExactMatch.MetricName], "4k"),
        };

        var pipelines = host.Pipelines([KeywordLinesPipeline.Name, PipelineNames.Extractive]);
        var outcome = await new BenchmarkRunner(pipelines, new MetricRegistry())
            .RunAsync(cases, Path.Combine(folder.Path, "out"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([KeywordLinesPipeline.Name, PipelineNames.Extractive], pipelines.Select(p => p.Name));
        Assert.Equal(2, outcome.Ran);
        Assert.Equal(0, outcome.Failed);
        Assert.Contains(KeywordLinesPipeline.Name, host.Registered);
    }

    [Fact]
    public async Task Its_options_are_validated_before_it_runs()
    {
        await using var services = PipelineServices.Build(null, null, pipelines: builder => builder.AddPipeline<KeywordLinesPipeline, KeywordLinesOptions>(
            KeywordLinesPipeline.Name, o => o.MaxLines = 0, validate: o => o.MaxLines < 1 ? $"MaxLines must be at least 1 (got {o.MaxLines})" : null));
        var agent = services.GetRequiredService<IDocumentAgent>();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => agent.AskAsync([Document.FromText(Log)], "Who counted?", KeywordLinesPipeline.Name,
            cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("MaxLines must be at least 1 (got 0)", error.Message);
    }

    [Fact]
    public async Task A_model_pipeline_gets_the_registered_chat_client_and_its_calls_are_traced_under_its_name()
    {
        var client = new Agents.ScriptedChatClient(call => $"echo: {call.Messages[^1].Text}");
        var services = new ServiceCollection();
        services.AddChatClient(client);
        services.AddSingleton(new ModelProfile("scripted", 4096, TokenCounters.Cl100k));
        services.AddAgentFramework().AddPipeline<EchoModelPipeline>("echo-model");
        await using var provider = services.BuildServiceProvider();
        var progress = new List<PipelineProgress>();

        var result = await provider.GetRequiredService<IDocumentAgent>().SummarizeAsync([Document.FromText(Log)], "echo-model",
            new PipelineRunOptions { SummaryWords = 20 }, new SynchronousProgress<PipelineProgress>(progress.Add), TestContext.Current.CancellationToken);

        Assert.Equal("echo: Summarise the document in at most 20 words.", result.Text);
        Assert.Equal(["echo-model"], result.Trace.Calls.Select(c => c.Stage));
        Assert.Equal(1, progress[^1].CallsDone);
    }

    [Fact]
    public async Task An_unknown_name_or_an_unsupported_goal_is_a_user_error_naming_what_is_registered()
    {
        await using var services = PipelineServices.Build(null, null,
            pipelines: builder => builder.AddPipeline<KeywordLinesPipeline, KeywordLinesOptions>(KeywordLinesPipeline.Name));
        var agent = services.GetRequiredService<IDocumentAgent>();

        var unknown = await Assert.ThrowsAsync<InvalidOptionException>(() => agent.AskAsync([Document.FromText(Log)], "Who?", "no-such-pipeline",
            cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains(KeywordLinesPipeline.Name, unknown.Message);
        var unsupported = await Assert.ThrowsAsync<InvalidOptionException>(() => agent.SummarizeAsync([Document.FromText(Log)], KeywordLinesPipeline.Name,
            cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("does not summarise", unsupported.Message);
    }

    [Fact]
    public void A_pipeline_name_must_be_one_word() =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddAgentFramework().AddPipeline<KeywordLinesPipeline>("two words"));

    /// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

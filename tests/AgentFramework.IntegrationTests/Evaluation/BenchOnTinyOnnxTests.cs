using WordCounter = AgentFramework.Agents.PlanThenWrite.WordCounter;
using System.Diagnostics;
using System.Text.Json;
using AgentFramework.Agents;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Reports;
using AgentFramework.Evaluation.Runner;
using AgentFramework.Evaluation.Synthetic;
using AgentFramework.Models;
using AgentFramework.Onnx;

namespace AgentFramework.IntegrationTests.Evaluation;

/// <summary>
/// The harness end to end on a real model: the tiny random-weight Llama export through the ONNX runtime and the usage
/// middleware, every reading pipeline, the synthetic needle set at two lengths sized with the model's own tokenizer,
/// and one L-Eval task. Scores are meaningless (random weights); the plumbing, counts and resume are what is checked.
/// </summary>
public sealed class BenchOnTinyOnnxTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("agentfw-bench-onnx");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Bench_writes_consistent_reports_and_resumes_without_recomputing()
    {
        var data = SharedData.RequireDirectory("data");
        using var onnx = OnnxModel.Load(SharedData.TinyLlama);
        var backend = new CountingChatClient(new OnnxChatClient(onnx, new OnnxChatClientOptions { DefaultMaxOutputTokens = 16 }));
        var chat = ModelPipeline.Wrap(backend, new ModelPipelineOptions { TokenCounter = onnx.TokenCounter });

        var counter = onnx.TokenCounter;
        var cases = new SyntheticGenerator(counter, FillerSources.For(data)).GenerateSet(SyntheticDatasets.Niah, [1024, 1536], 1, seed: 5).ToList();
        cases.AddRange(CaseSelection.FirstPerBucket(new DatasetCatalog(data).Load("leval:tpo", counter), 1).Take(1));
        Assert.All(cases.Take(2), c => Assert.InRange(counter.CountTokens(c.ContextText), c.ContextTokens!.Value - 1, c.ContextTokens.Value + 1));

        var output = Path.Combine(_folder.FullName, "run");
        string[] kinds = [PipelineNames.FullContext, PipelineNames.ChainOfAgents, PipelineNames.RetrieveThenReason, PipelineNames.Extractive];
        var clock = Stopwatch.StartNew();
        BenchmarkRunner.Outcome first;
        await using (var host = AgentPipelineHost.Create(chat, onnx.Profile, null, Path.Combine(output, ".indexes"), o =>
                     {
                         // Short outputs keep random-weight generation quick; the budgets are still reserved and enforced.
                         o.ChainOfAgents.UnitTokens = 32;
                         o.ChainOfAgents.AnswerTokens = 16;
                         o.RetrieveThenReason.TopK = 2;
                         o.RetrieveThenReason.ExtractTokens = 16;
                         o.RetrieveThenReason.AnswerTokens = 16;
                         o.FullContext.AnswerTokens = 16;
                     }))
        {
            first = await new BenchmarkRunner(host.Pipelines(kinds), new MetricRegistry())
                .RunAsync(cases, output, cancellationToken: TestContext.Current.CancellationToken);
        }
        var firstWall = clock.Elapsed;
        int modelCalls = backend.Calls;

        int expectedRows = cases.Count * kinds.Length;
        Assert.Equal(expectedRows, first.Ran);
        var rows = ResultsJournal.Read(Path.Combine(output, ReportWriter.ResultsFile));
        Assert.Equal(expectedRows, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
        // Every model call made by the backend is accounted for in some row, and only the extractive pipeline makes none.
        Assert.Equal(modelCalls, rows.Sum(r => r.ModelCalls));
        Assert.All(rows.Where(r => r.Pipeline == "extractive"), r => Assert.Equal(0, r.ModelCalls));
        Assert.All(rows.Where(r => r.Pipeline != "extractive"), r => Assert.True(r.ModelCalls >= 1 && r.PromptTokens > 0, $"{r.Pipeline} {r.CaseId}"));
        Assert.All(rows.Where(r => r.Pipeline == "full-context" && r.CaseId.StartsWith("tpo")), r => Assert.True(r.TruncatedTokens > 0, "tpo exceeds the 2048-token window"));

        // The report files agree with results.jsonl and with each other.
        foreach (var file in new[] { ReportWriter.SummaryFile, ReportWriter.ReportFile, ResultPlots.ScoreVsLength, ResultPlots.ScoreVsPromptTokens, ResultPlots.LatencyByPipeline })
            Assert.True(new FileInfo(Path.Combine(output, file)).Length > 0, file);
        using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, ReportWriter.SummaryFile))))
        {
            var root = summary.RootElement;
            Assert.Equal(expectedRows, root.GetProperty("rows").GetInt32());
            var pipelines = root.GetProperty("pipelines").EnumerateArray().ToList();
            Assert.Equal(kinds.Length, pipelines.Count);
            Assert.All(pipelines, p => Assert.Equal(cases.Count, p.GetProperty("cases").GetInt32()));
            Assert.Equal(rows.Sum(r => r.PromptTokens), pipelines.Sum(p => p.GetProperty("prompt_tokens").GetInt64()));
            Assert.Equal(modelCalls, pipelines.Sum(p => p.GetProperty("model_calls").GetInt32()));
            var versus = root.GetProperty("versus_baseline").EnumerateArray().ToList();
            Assert.Equal(kinds.Length - 1, versus.Count);
            Assert.All(versus, v => Assert.Equal(cases.Count, v.GetProperty("wins").GetInt32() + v.GetProperty("ties").GetInt32() + v.GetProperty("losses").GetInt32()));
        }
        var report = File.ReadAllText(Path.Combine(output, ReportWriter.ReportFile));
        foreach (var kind in kinds) Assert.Contains($"| {kind} |", report);

        // Re-running the same command does no model work and keeps the same rows.
        await using (var host = AgentPipelineHost.Create(chat, onnx.Profile, null, Path.Combine(output, ".indexes")))
        {
            var second = await new BenchmarkRunner(host.Pipelines(kinds), new MetricRegistry())
                .RunAsync(cases, output, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal((0, expectedRows), (second.Ran, second.Resumed));
        }
        Assert.Equal(modelCalls, backend.Calls);
        Assert.Equal(expectedRows, File.ReadAllLines(Path.Combine(output, ReportWriter.ResultsFile)).Length);
        TestContext.Current.TestOutputHelper?.WriteLine($"bench on tiny llama: {expectedRows} runs, {modelCalls} model calls, " +
            $"{rows.Sum(r => r.PromptTokens)} prompt / {rows.Sum(r => r.CompletionTokens)} completion tokens, {firstWall.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Memory_stream_and_plan_then_write_run_their_cases_and_skip_the_others()
    {
        var data = SharedData.RequireDirectory("data");
        using var onnx = OnnxModel.Load(SharedData.TinyLlama);
        var chat = ModelPipeline.Wrap(new OnnxChatClient(onnx, new OnnxChatClientOptions { DefaultMaxOutputTokens = 16 }),
            new ModelPipelineOptions { TokenCounter = onnx.TokenCounter });
        var needle = new SyntheticGenerator(onnx.TokenCounter, FillerSources.For(data)).Generate(SyntheticDatasets.Niah, 1024, 5, 0, 0.5);
        var writing = new BenchmarkCase("w-0", "longbench-write", TaskKind.Writing, [], "Write a short note about the sea.", [],
            [LengthScore.MetricName], LongBenchWriteLoader.Bucket(60)) { RequiredWords = 60 };

        var output = Path.Combine(_folder.FullName, "longform");
        await using var host = AgentPipelineHost.Create(chat, onnx.Profile, null, Path.Combine(output, ".indexes"),
            configureMemory: o => { o.ObserveOutputTokens = 16; o.ReflectOutputTokens = 16; o.AnswerOutputTokens = 16; },
            configureWriting: o => o.MaxContinuationRounds = 0);
        var pipelines = host.Pipelines(["memory-stream", "plan-then-write"]);
        var outcome = await new BenchmarkRunner(pipelines, new MetricRegistry()).RunAsync([needle, writing], output, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((2, 2), (outcome.Ran, outcome.Unsupported));
        var rows = ResultsJournal.Read(Path.Combine(output, ReportWriter.ResultsFile));
        var memory = rows.Single(r => r.Pipeline == "memory-stream");
        Assert.True(memory.Error is null, memory.Error);
        Assert.True(memory.ModelCalls >= 2, "observe calls plus the answer");
        var written = rows.Single(r => r.Pipeline == "plan-then-write");
        Assert.True(written.Error is null, written.Error);
        Assert.Equal(LengthScore.MetricName, written.ScoreMetric);
        var lengths = written.Scores.Single().Components!;
        Assert.Equal(60, lengths["required_words"]);
        Assert.Equal(WordCounter.Count(written.Prediction), lengths["produced_words"]);
        Assert.Equal(LengthScore.Score(60, WordCounter.Count(written.Prediction)) / 100, written.Score, 9);
    }

    /// <summary>Counts calls that reach the model (cache hits and resumed cases never do).</summary>
    private sealed class CountingChatClient(Microsoft.Extensions.AI.IChatClient inner) : Microsoft.Extensions.AI.DelegatingChatClient(inner)
    {
        private int _calls;
        public int Calls => Volatile.Read(ref _calls);

        public override Task<Microsoft.Extensions.AI.ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages,
            Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return base.GetResponseAsync(messages, options, cancellationToken);
        }

        public override IAsyncEnumerable<Microsoft.Extensions.AI.ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages,
            Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return base.GetStreamingResponseAsync(messages, options, cancellationToken);
        }
    }
}

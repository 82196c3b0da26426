using AgentFramework.Citations;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Reports;
using AgentFramework.Evaluation.Runner;
using AgentFramework.Evaluation.Synthetic;
using AgentFramework.Tokens;
using AgentFramework.Tracing;

namespace AgentFramework.Tests.Evaluation;

/// <summary>Orchestration of the runner with scripted pipelines (no model): rows, scores, resume, failures, concurrency.</summary>
public class BenchmarkRunnerTests
{
    /// <summary>Answers with the gold answers (or a fixed text) and records one fake model call per run.</summary>
    private sealed class ScriptedPipeline(string name, Func<BenchmarkCase, string> answer, TaskKind[]? kinds = null) : IBenchmarkPipeline
    {
        private int _inFlight;
        public int Calls;
        public int MaxInFlight;
        public string Name { get; } = name;
        public bool Supports(TaskKind kind) => kinds is null || kinds.Contains(kind);

        public async Task<PipelineRunResult> RunAsync(BenchmarkCase benchmarkCase, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            int now = Interlocked.Increment(ref _inFlight);
            lock (this) MaxInFlight = Math.Max(MaxInFlight, now);
            await Task.Yield();
            try
            {
                var text = answer(benchmarkCase);
                var trace = new PipelineTrace();
                trace.RecordCall(new ModelCallRecord(Name, "scripted", 100, 10, TimeSpan.FromMilliseconds(5), false, DateTimeOffset.UtcNow));
                trace.Increment("truncated_tokens", 7);
                return new PipelineRunResult(text, [new Citation("haystack", 0, 5, "x")], trace);
            }
            finally { Interlocked.Decrement(ref _inFlight); }
        }
    }

    private static IReadOnlyList<BenchmarkCase> Cases() =>
        new SyntheticGenerator(TokenCounters.Cl100k, new GeneratedFiller()).GenerateSet(SyntheticDatasets.Niah, [1024, 2048], 3, seed: 1);

    [Fact]
    public async Task Runs_every_pipeline_on_every_case_and_scores_it()
    {
        using var folder = new TempFolder();
        var perfect = new ScriptedPipeline("full-context", c => string.Join(" ", c.GoldAnswers));
        var wrong = new ScriptedPipeline("extractive", _ => "no idea");
        var outcome = await new BenchmarkRunner([perfect, wrong], new MetricRegistry())
            .RunAsync(Cases(), folder.Path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(12, outcome.Ran);
        var rows = ResultsJournal.Read(Path.Combine(folder.Path, ReportWriter.ResultsFile));
        Assert.Equal(12, rows.Count);
        Assert.All(rows.Where(r => r.Pipeline == "full-context"), r => Assert.Equal(1.0, r.Score));
        Assert.All(rows.Where(r => r.Pipeline == "extractive"), r => Assert.Equal(0.0, r.Score));
        Assert.All(rows, r => Assert.Equal((100, 10, 1, 7L), (r.PromptTokens, r.CompletionTokens, r.ModelCalls, r.TruncatedTokens)));
        Assert.All(rows, r => Assert.Equal(StringMatchAll.MetricName, r.ScoreMetric));
        var comparison = outcome.Report.Summary.VersusBaseline.Single();
        Assert.Equal((0, 0, 6), (comparison.Wins, comparison.Ties, comparison.Losses));
        // summary, report, three plots and one needle heatmap per pipeline.
        Assert.Equal(7, outcome.Report.Files.Count);

        // Every row carries its needle depth, benchmark, task and N under RULER's definition, in results.jsonl itself.
        var lines = File.ReadAllLines(Path.Combine(folder.Path, ReportWriter.ResultsFile));
        Assert.All(lines, l => Assert.Matches("\"depth\":(0|0\\.5|1)[,}]", l));
        Assert.All(rows, r => Assert.Equal(("ruler", "niah", "ruler"), (r.Benchmark, r.Task, r.LengthDefinition)));
        Assert.Equal([0.0, 0.5, 1.0], rows.Select(r => r.Depth!.Value).Distinct().Order());
        Assert.All(rows, r => Assert.InRange(r.LengthTokens!.Value, r.LengthBucket == "1k" ? 1014 : 2028, r.LengthBucket == "1k" ? 1034 : 2068));
        Assert.Contains("## Needle depth × length: niah", File.ReadAllText(Path.Combine(folder.Path, ReportWriter.ReportFile)));
    }

    [Fact]
    public async Task Cached_replays_are_marked_and_left_out_of_latency()
    {
        using var folder = new TempFolder();
        var cached = new CachedPipeline();
        var outcome = await new BenchmarkRunner([cached], new MetricRegistry())
            .RunAsync(Cases().Take(2).ToList(), folder.Path, cancellationToken: TestContext.Current.CancellationToken);
        var rows = ResultsJournal.Read(Path.Combine(folder.Path, ReportWriter.ResultsFile));
        Assert.All(rows, r => Assert.Equal(1, r.CachedCalls));
        var summary = outcome.Report.Summary.Pipelines.Single();
        Assert.Equal((2, 0, 0.0), (summary.CachedCases, summary.TimedCases, summary.MeanWallSeconds));
        Assert.Equal(2, outcome.Report.Summary.CachedRows);
    }

    /// <summary>Replays one of its two calls from the cache.</summary>
    private sealed class CachedPipeline : IBenchmarkPipeline
    {
        public string Name => "full-context";
        public bool Supports(TaskKind kind) => true;

        public Task<PipelineRunResult> RunAsync(BenchmarkCase benchmarkCase, CancellationToken cancellationToken)
        {
            var trace = new PipelineTrace();
            trace.RecordCall(new ModelCallRecord(Name, "scripted", 100, 10, TimeSpan.FromMilliseconds(5), false, DateTimeOffset.UtcNow));
            trace.RecordCall(new ModelCallRecord(Name, "scripted", 100, 10, TimeSpan.Zero, true, DateTimeOffset.UtcNow));
            return Task.FromResult(new PipelineRunResult(benchmarkCase.GoldAnswers[0], [], trace));
        }
    }

    [Fact]
    public async Task Rerunning_resumes_without_recomputing()
    {
        using var folder = new TempFolder();
        var first = new ScriptedPipeline("full-context", c => c.GoldAnswers[0]);
        await new BenchmarkRunner([first], new MetricRegistry()).RunAsync(Cases(), folder.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(6, first.Calls);

        var second = new ScriptedPipeline("full-context", c => c.GoldAnswers[0]);
        var outcome = await new BenchmarkRunner([second], new MetricRegistry()).RunAsync(Cases(), folder.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, second.Calls);
        Assert.Equal((0, 6), (outcome.Ran, outcome.Resumed));
        Assert.Equal(6, File.ReadAllLines(Path.Combine(folder.Path, ReportWriter.ResultsFile)).Length);
        Assert.Equal(6, outcome.Report.Summary.Rows);
    }

    [Fact]
    public async Task A_failing_case_is_recorded_and_retried_next_time()
    {
        using var folder = new TempFolder();
        var cases = Cases();
        var flaky = new ScriptedPipeline("chain-of-agents", c => c.Id == cases[1].Id ? throw new InvalidOperationException("model crashed") : c.GoldAnswers[0]);
        var outcome = await new BenchmarkRunner([flaky], new MetricRegistry()).RunAsync(cases, folder.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, outcome.Failed);
        var failedRow = ResultsJournal.Read(Path.Combine(folder.Path, ReportWriter.ResultsFile)).Single(r => r.Error is not null);
        Assert.Contains("model crashed", failedRow.Error);

        var fixedPipeline = new ScriptedPipeline("chain-of-agents", c => c.GoldAnswers[0]);
        await new BenchmarkRunner([fixedPipeline], new MetricRegistry()).RunAsync(cases, folder.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, fixedPipeline.Calls);
        Assert.All(ResultsJournal.Read(Path.Combine(folder.Path, ReportWriter.ResultsFile)), r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task Concurrency_is_bounded_and_progress_counts_every_run()
    {
        using var folder = new TempFolder();
        var pipeline = new ScriptedPipeline("full-context", c => c.GoldAnswers[0]);
        var reports = new List<BenchmarkProgress>();
        var progress = new SynchronousProgress(p => { lock (reports) reports.Add(p); });
        await new BenchmarkRunner([pipeline], new MetricRegistry(), new BenchmarkRunOptions { Concurrency = 2 })
            .RunAsync(Cases(), folder.Path, progress, TestContext.Current.CancellationToken);
        Assert.InRange(pipeline.MaxInFlight, 1, 2);
        Assert.Equal(6, reports.Count);
        Assert.Equal(6, reports.Max(r => r.Done));
        Assert.All(reports, r => Assert.Equal(6, r.Total));
        Assert.Contains("6/6 runs", reports.Single(r => r.Done == 6).Describe());
    }

    [Fact]
    public async Task Unsupported_kinds_are_skipped_and_judge_metrics_need_a_judge()
    {
        using var folder = new TempFolder();
        var writer = new ScriptedPipeline("plan-then-write", _ => "words", [TaskKind.Writing]);
        var reader = new ScriptedPipeline("full-context", c => c.GoldAnswers[0]);
        var qa = new BenchmarkCase("q1", "lara:32k", TaskKind.QuestionAnswering, [AgentFramework.Documents.Document.FromText("Hartman kept the shop.")],
            "Who kept the shop?", ["Hartman"], [JudgeCorrectness.MetricName, TokenF1.MetricName], "32k");
        var outcome = await new BenchmarkRunner([writer, reader], new MetricRegistry()).RunAsync([qa], folder.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((1, 1), (outcome.Ran, outcome.Unsupported));
        var row = ResultsJournal.Read(Path.Combine(folder.Path, ReportWriter.ResultsFile)).Single();
        Assert.Equal(TokenF1.MetricName, row.ScoreMetric); // judge-correctness left out without --judge-model
        Assert.Equal(1.0, row.Score);
    }

    [Fact]
    public void Limit_keeps_the_first_cases_of_each_bucket()
    {
        var selected = CaseSelection.FirstPerBucket(Cases(), 2);
        Assert.Equal(["niah-1k-0", "niah-1k-1", "niah-2k-0", "niah-2k-1"], selected.Select(c => c.Id));
    }

    [Fact]
    public async Task Metrics_score_the_trimmed_answer_and_the_row_keeps_the_whole_one()
    {
        using var folder = new TempFolder();
        var trec = new BenchmarkCase("t1", "trec", TaskKind.QuestionAnswering, [AgentFramework.Documents.Document.FromText("x", "t1")],
            "Where?", ["City"], [ClassificationScore.MetricName], "1k")
        { Classes = ["Individual", "City"], ScoringTrim = PredictionTrim.FirstLine };
        const string answer = "City\nQuestion: Who? Type: Individual";
        await new BenchmarkRunner([new ScriptedPipeline("full-context", _ => answer)], new MetricRegistry())
            .RunAsync([trec], folder.Path, cancellationToken: TestContext.Current.CancellationToken);
        var row = Assert.Single(ResultsJournal.Read(Path.Combine(folder.Path, ReportWriter.ResultsFile)));
        Assert.Equal(1.0, row.Score); // the whole answer names two classes and would score 1/2
        Assert.Equal(answer, row.Prediction);
    }

    private sealed class SynchronousProgress(Action<BenchmarkProgress> report) : IProgress<BenchmarkProgress>
    {
        public void Report(BenchmarkProgress value) => report(value);
    }
}

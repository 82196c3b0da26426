using System.Diagnostics;
using System.Runtime.CompilerServices;
using AgentFramework.Errors;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Reports;

namespace AgentFramework.Evaluation.Runner;

/// <summary>
/// Runs every pipeline on every case (cases already carry their length buckets), at most
/// <see cref="BenchmarkRunOptions.Concurrency"/> at a time, scores each prediction, appends the row to results.jsonl as
/// soon as it finishes, and writes the reports at the end. Re-running with the same output folder skips runs that
/// already succeeded. A failing run is recorded with its error and retried next time; cancellation stops the run and
/// keeps every finished row.
/// </summary>
public sealed class BenchmarkRunner(IReadOnlyList<IBenchmarkPipeline> pipelines, MetricRegistry metrics, BenchmarkRunOptions? options = null)
{
    private readonly BenchmarkRunOptions _options = options ?? new BenchmarkRunOptions();

    public sealed record Outcome(int Ran, int Failed, int Resumed, int Unsupported, ReportWriter.Written Report);

    public async Task<Outcome> RunAsync(IReadOnlyList<BenchmarkCase> cases, string outputFolder,
        IProgress<BenchmarkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (_options.Concurrency < 1) throw new InvalidOptionException("BenchmarkRunOptions.Concurrency", "BenchmarkRunOptions.Concurrency must be at least 1.");
        // One run writes a folder at a time; a second waits and then resumes from the first one's rows.
        using var folderLock = await ResultsJournal.LockFolderAsync(outputFolder, _options.Notice, cancellationToken).ConfigureAwait(false);
        var resultsPath = Path.Combine(outputFolder, ReportWriter.ResultsFile);
        var finished = ResultsJournal.FinishedKeys(resultsPath);

        var work = new List<(BenchmarkCase Case, IBenchmarkPipeline Pipeline)>();
        int resumed = 0, unsupported = 0;
        foreach (var benchmarkCase in GroupedByDocument(cases))
            foreach (var pipeline in pipelines)
            {
                if (!pipeline.Supports(benchmarkCase.Kind)) { unsupported++; continue; }
                if (finished.Contains(CaseResult.ResultKey(benchmarkCase.Dataset, benchmarkCase.Id, pipeline.Name))) { resumed++; continue; }
                work.Add((benchmarkCase, pipeline));
            }

        int done = 0, failed = 0;
        var perPipeline = work.GroupBy(w => w.Pipeline.Name).ToDictionary(g => g.Key, g => (Total: g.Count(), Done: new StrongBox<int>()));
        var clock = Stopwatch.StartNew();
        using (var journal = new ResultsJournal(resultsPath))
        {
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
                async (item, ct) =>
                {
                    var row = await RunOneAsync(item.Case, item.Pipeline, ct).ConfigureAwait(false);
                    journal.Append(row);
                    if (row.Error is not null) Interlocked.Increment(ref failed);
                    int count = Interlocked.Increment(ref done);
                    var mine = perPipeline[item.Pipeline.Name];
                    int pipelineDone = Interlocked.Increment(ref mine.Done.Value);
                    progress?.Report(new BenchmarkProgress(count, work.Count, Volatile.Read(ref failed), resumed, clock.Elapsed, $"{item.Case.Id} × {item.Pipeline.Name}",
                        item.Pipeline.Name, pipelineDone, mine.Total));
                }).ConfigureAwait(false);
        }
        var report = ReportWriter.WriteFromResults(outputFolder, _options.Baseline, metrics.Definitions);
        return new Outcome(done, failed, resumed, unsupported, report);
    }

    /// <summary>
    /// Cases over the same documents run consecutively (first appearance order, stable within a group), so the
    /// document's chunking, index and the model's prefix cache serve every question over it before the next document.
    /// </summary>
    public static IReadOnlyList<BenchmarkCase> GroupedByDocument(IReadOnlyList<BenchmarkCase> cases) =>
        cases.GroupBy(c => string.Join("\n", c.Documents.Select(d => d.Id)), StringComparer.Ordinal).SelectMany(g => g).ToList();

    private async Task<CaseResult> RunOneAsync(BenchmarkCase benchmarkCase, IBenchmarkPipeline pipeline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        PipelineRunResult result;
        try
        {
            result = await pipeline.RunAsync(benchmarkCase, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // One failing case (prompt too long, model error) must not stop the benchmark; it is retried on resume.
            return Row(benchmarkCase, pipeline, "", [], 0, 0, 0, 0, clock.Elapsed.TotalSeconds, $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        }
        double wall = clock.Elapsed.TotalSeconds;
        // Metrics score the case's trimmed view of the answer; the row keeps the full text.
        var prediction = ScoredPrediction.For(benchmarkCase, new Prediction(result.Text, result.Citations));
        var scores = new List<MetricResult>();
        var skipped = new List<string>();
        foreach (var name in benchmarkCase.Metrics)
        {
            if (metrics.NeedsJudge(name) && !metrics.HasJudge) continue; // judge metrics need --judge-model
            try
            {
                scores.Add(await metrics.Get(name).ScoreAsync(benchmarkCase, prediction, cancellationToken).ConfigureAwait(false));
            }
            catch (MetricSkippedException e)
            {
                // The benchmark's own scorer leaves such a case out of this metric's mean; say so rather than score 0.
                skipped.Add(e.NoticeCode);
                _options.Notice?.Invoke($"warning: {benchmarkCase.Id} × {pipeline.Name}: {e.Message}");
            }
        }
        var trace = result.Trace;
        return Row(benchmarkCase, pipeline, result.Text, scores, trace.PromptTokens, trace.CompletionTokens, trace.CallCount,
            trace.Counters.GetValueOrDefault("truncated_tokens"), wall, null) with
        {
            CachedCalls = trace.CachedCallCount,
            CachedPromptTokens = trace.CachedPromptTokens,
            IndexedDocuments = trace.Counters.GetValueOrDefault("indexed_documents"),
            ReusedIndexDocuments = trace.Counters.GetValueOrDefault("reused_index_documents"),
            Notices = trace.Notices.Count + skipped.Count == 0 ? null : trace.Notices.Select(n => n.Code).Concat(skipped).Distinct().ToArray(),
        };
    }

    private static CaseResult Row(BenchmarkCase c, IBenchmarkPipeline pipeline, string text, IReadOnlyList<MetricResult> scores,
        long promptTokens, long completionTokens, int calls, long truncated, double wall, string? error)
    {
        var primary = scores.FirstOrDefault();
        return BenchmarkFamilies.Describe(new CaseResult(c.Dataset, c.Id, pipeline.Name, c.LengthBucket, c.ContextTokens, text, scores,
            primary?.Value ?? 0, primary?.Metric ?? c.Metrics.FirstOrDefault() ?? "", promptTokens, completionTokens, calls, wall,
            // Process-wide peak working set when the run ended: an upper bound for this run's memory.
            Process.GetCurrentProcess().PeakWorkingSet64, truncated, error), c);
    }
}

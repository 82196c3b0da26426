namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// summary.json: results.jsonl aggregated as the benchmarks publish them. Every score is on 0–100. Scores are means
/// over successful rows of each task, then the macro average over tasks; failed rows are counted and listed, never
/// averaged in; cached replays count in scores but not in latency.
/// </summary>
public sealed record BenchmarkSummary(
    IReadOnlyList<string> Datasets,
    int Rows,
    int FailedRows,
    int CachedRows,
    IReadOnlyList<string> Buckets,
    string BucketAxis,
    IReadOnlyList<PipelineSummary> Pipelines,
    IReadOnlyList<TaskSummary> Tasks,
    IReadOnlyList<SplitCell> Splits,
    IReadOnlyList<BenchmarkAggregate> Aggregates,
    IReadOnlyList<NeedleCell> Needles,
    IReadOnlyList<string> LengthDefinitions,
    IReadOnlyList<MetricInfo> Metrics,
    IReadOnlyList<FailedRun> Failures,
    string? Baseline,
    IReadOnlyList<PairedComparison> VersusBaseline,
    DateTimeOffset GeneratedAt)
{
    /// <summary>The scale of every score in this summary.</summary>
    public string ScoreScale => "0-100";
}

/// <summary>
/// One pipeline's totals. <see cref="MeanScore"/> is the macro average of its task means (0–100); cost figures are over
/// successful rows; latency over successful rows that were not cached replays (<see cref="TimedCases"/>).
/// </summary>
public sealed record PipelineSummary(
    string Pipeline,
    int Cases,
    int FailedCases,
    int CachedCases,
    double MeanScore,
    IReadOnlyDictionary<string, BucketScore> ByBucket,
    IReadOnlyDictionary<string, double> MetricMeans,
    long PromptTokens,
    long CompletionTokens,
    double MeanPromptTokens,
    int ModelCalls,
    double MeanModelCalls,
    int TimedCases,
    double TotalWallSeconds,
    double MeanWallSeconds,
    double MedianWallSeconds,
    long PeakMemoryBytes,
    long TruncatedTokens);

/// <summary>A mean over a group: successful cases in it and the score (0–100; macro over tasks where it spans several).</summary>
public sealed record BucketScore(int Cases, double MeanScore);

/// <summary>A benchmark task with the metric its report uses, and each pipeline's mean.</summary>
public sealed record TaskSummary(string Benchmark, string Task, string Metric, string MetricLabel, bool JudgeScored,
    IReadOnlyDictionary<string, TaskScore> Scores);

/// <summary>A pipeline on a task: successful and failed cases and the mean over the successful ones (0–100).</summary>
public sealed record TaskScore(int Cases, int Failed, double Score);

/// <summary>
/// A benchmark's own split (LongBench-E "length range", LongBench v2 "difficulty" and "length"): a pipeline's score in
/// one split value, for one task or (Task null) macro-averaged over the benchmark's tasks.
/// </summary>
public sealed record SplitCell(string Benchmark, string Split, string Value, string? Task, string Pipeline, int Cases, double Score);

/// <summary>
/// An aggregate the benchmark reports (L-Eval's closed-ended average, LongWriter's S_l / S_q / overall, SummHay's
/// coverage / citation / joint). A null score is not computable from these rows; <see cref="Note"/> says why.
/// </summary>
public sealed record BenchmarkAggregate(string Benchmark, string Name, string Description, IReadOnlyDictionary<string, double?> Scores, string? Note);

/// <summary>Needle cases of one dataset and pipeline at one length bucket and depth (percent): the heatmap cells.</summary>
public sealed record NeedleCell(string Dataset, string Pipeline, string Length, int DepthPercent, int Cases, double Score);

/// <summary>A run that failed, with the reason recorded in results.jsonl.</summary>
public sealed record FailedRun(string Dataset, string CaseId, string Pipeline, string Error);

/// <summary>A metric that appears in the results; judge-scored ones are labelled in every report.</summary>
public sealed record MetricInfo(string Name, bool JudgeScored);

/// <summary>Per-case comparison with the baseline pipeline on the cases both finished.</summary>
public sealed record PairedComparison(string Pipeline, int Wins, int Ties, int Losses);

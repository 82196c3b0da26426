namespace AgentFramework.Evaluation.Reports;

/// <summary>summary.json: aggregates of results.jsonl by pipeline, length bucket and metric, and paired comparisons.</summary>
public sealed record BenchmarkSummary(
    IReadOnlyList<string> Datasets,
    int Rows,
    int FailedRows,
    IReadOnlyList<string> Buckets,
    IReadOnlyList<PipelineSummary> Pipelines,
    IReadOnlyList<MetricInfo> Metrics,
    string? Baseline,
    IReadOnlyList<PairedComparison> VersusBaseline,
    DateTimeOffset GeneratedAt);

/// <summary>One pipeline's totals. Score means are over successful rows; failed rows count in <see cref="FailedCases"/>.</summary>
public sealed record PipelineSummary(
    string Pipeline,
    int Cases,
    int FailedCases,
    double MeanScore,
    IReadOnlyDictionary<string, BucketScore> ByBucket,
    IReadOnlyDictionary<string, double> MetricMeans,
    long PromptTokens,
    long CompletionTokens,
    double MeanPromptTokens,
    int ModelCalls,
    double MeanModelCalls,
    double TotalWallSeconds,
    double MeanWallSeconds,
    double MedianWallSeconds,
    long PeakMemoryBytes,
    long TruncatedTokens);

public sealed record BucketScore(int Cases, double MeanScore);

/// <summary>A metric that appears in the results; judge-scored ones are labelled in every report.</summary>
public sealed record MetricInfo(string Name, bool JudgeScored);

/// <summary>Per-case comparison with the baseline pipeline on the cases both finished.</summary>
public sealed record PairedComparison(string Pipeline, int Wins, int Ties, int Losses);

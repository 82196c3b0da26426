using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// One line of results.jsonl: a pipeline's run on one case, its scores and what it cost.
/// <see cref="Score"/> is the case's primary metric (its first listed metric that was computed), used for tables,
/// plots and wins/ties/losses; every metric computed is in <see cref="Scores"/>.
/// </summary>
public sealed record CaseResult(
    string Dataset,
    string CaseId,
    string Pipeline,
    string LengthBucket,
    int? ContextTokens,
    string Prediction,
    IReadOnlyList<MetricResult> Scores,
    double Score,
    string ScoreMetric,
    long PromptTokens,
    long CompletionTokens,
    int ModelCalls,
    double WallSeconds,
    long PeakMemoryBytes,
    long TruncatedTokens,
    string? Error = null)
{
    public DateTimeOffset FinishedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The benchmark whose report form applies ("longbench", "longbench-e", "leval", "ruler", ...; see <see cref="BenchmarkFamilies"/>).</summary>
    public string? Benchmark { get; init; }

    /// <summary>The benchmark's task (LongBench sub-dataset, L-Eval task, RULER task): scores are averaged per task first.</summary>
    public string? Task { get; init; }

    /// <summary>The benchmark's own splits of the case, e.g. {"length range": "4-8k"} (LongBench-E) or {"difficulty": "hard"}.</summary>
    public IReadOnlyDictionary<string, string>? Splits { get; init; }

    /// <summary>Needle cases: the requested needle depth, 0 (start) to 1 (end) of the haystack.</summary>
    public double? Depth { get; init; }

    /// <summary>Synthetic cases: N as measured under <see cref="LengthDefinition"/>.</summary>
    public int? LengthTokens { get; init; }

    /// <summary>Synthetic cases: what N counts ("ruler": whole input + generation budget; "haystack": the haystack only).</summary>
    public string? LengthDefinition { get; init; }

    /// <summary>Model calls replayed from the call cache; a row with any is a cached replay and stays out of latency figures.</summary>
    public int CachedCalls { get; init; }

    /// <summary>Prompt tokens the model served from its prefix cache (OpenAI's <c>prompt_tokens_details.cached_tokens</c>), summed over the run's calls.</summary>
    public long CachedPromptTokens { get; init; }

    /// <summary>Documents this run chunked and indexed, and documents it found already indexed by an earlier case (trace counters).</summary>
    public long IndexedDocuments { get; init; }

    /// <inheritdoc cref="IndexedDocuments"/>
    public long ReusedIndexDocuments { get; init; }

    /// <summary>Codes of the run's degradation notices (e.g. "context_truncated", "no_grounded_passage"); null when none.</summary>
    public IReadOnlyList<string>? Notices { get; init; }

    /// <summary>True when some of the run's model calls were replayed from the cache, so its wall time is not a latency.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool CachedReplay => CachedCalls > 0;

    /// <summary>True when the primary score came from a model judge.</summary>
    public bool JudgeScored => Scores.Any(s => s.Metric == ScoreMetric && s.JudgeScored);

    /// <summary>What resume matches on: a case of a dataset run by a pipeline.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => ResultKey(Dataset, CaseId, Pipeline);

    public static string ResultKey(string dataset, string caseId, string pipeline) => $"{dataset}\u001f{caseId}\u001f{pipeline}";
}

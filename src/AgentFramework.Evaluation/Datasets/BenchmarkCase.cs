using AgentFramework.Documents;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// One scored unit of a benchmark: the context documents, what is asked, and what counts as right.
/// Every loader (files and synthetic) produces these, so the runner and metrics never see a source format.
/// </summary>
/// <param name="Id">Unique within the dataset and stable across runs (results are resumed by it).</param>
/// <param name="Dataset">The dataset name as given to <c>--dataset</c> (e.g. "leval:tpo", "niah").</param>
/// <param name="Documents">The context; document names are what citations refer to.</param>
/// <param name="Question">The question or instruction (data, never template code).</param>
/// <param name="GoldAnswers">Accepted reference answers; scores take the maximum over them.</param>
/// <param name="Metrics">Metric names (see <see cref="Metrics.MetricRegistry"/>) that score this case.</param>
/// <param name="LengthBucket">A label such as "4k" or "32k" that reports group by.</param>
public sealed record BenchmarkCase(
    string Id,
    string Dataset,
    TaskKind Kind,
    IReadOnlyList<Document> Documents,
    string Question,
    IReadOnlyList<string> GoldAnswers,
    IReadOnlyList<string> Metrics,
    string LengthBucket)
{
    /// <summary>Multiple choice: option texts in letter order (A, B, ...); may be empty when options are inline.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>Classification tasks (LongBench trec, lsht): every label the answer may name.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <summary>
    /// How the prediction is trimmed before scoring (LongBench scores only the first line on some few-shot tasks).
    /// Results keep the full answer.
    /// </summary>
    public PredictionTrim ScoringTrim { get; init; } = PredictionTrim.None;

    /// <summary>Summary of a Haystack: the insights a summary should cover.</summary>
    public IReadOnlyList<GoldInsight> Insights { get; init; } = [];

    /// <summary>Documents that hold the answer (for citation scoring by document).</summary>
    public IReadOnlyList<string> GoldDocuments { get; init; } = [];

    /// <summary>Spans that hold the answer (for citation scoring by span).</summary>
    public IReadOnlyList<GoldSpan> GoldSpans { get; init; } = [];

    /// <summary>LongBench-Write: the required output length in words (CJK characters + English words).</summary>
    public int? RequiredWords { get; init; }

    /// <summary>Context length in tokens as measured when the case was made (synthetic cases), else null.</summary>
    public int? ContextTokens { get; init; }

    /// <summary>Source-specific facts worth keeping in results (task type, depth, source file).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>All context text, documents separated by blank lines (what a full-context pipeline reads).</summary>
    public string ContextText => Documents.Count == 1 ? Documents[0].Text : string.Join("\n\n", Documents.Select(d => d.Text));
}

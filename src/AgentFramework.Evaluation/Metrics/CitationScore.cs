using AgentFramework.Citations;
using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// Citation precision, recall and F1 against gold evidence. With gold spans, a citation is right when it overlaps a
/// gold span of the same document, and a gold span is found when some citation overlaps it. Otherwise, with gold
/// documents, citations are compared as the set of documents they point at. The value is F1; precision and recall
/// are components. No citations (or no gold) scores 0.
/// </summary>
public sealed class CitationScore : IMetric
{
    public const string MetricName = "citation-f1";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public sealed record Result(double Precision, double Recall, double F1);

    public static Result ByDocument(IEnumerable<string> citedDocuments, IEnumerable<string> goldDocuments)
    {
        var cited = citedDocuments.ToHashSet(StringComparer.Ordinal);
        var gold = goldDocuments.ToHashSet(StringComparer.Ordinal);
        int hits = cited.Count(gold.Contains);
        return Combine(cited.Count == 0 ? 0 : (double)hits / cited.Count, gold.Count == 0 ? 0 : (double)hits / gold.Count);
    }

    public static Result BySpan(IReadOnlyList<Citation> citations, IReadOnlyList<GoldSpan> goldSpans)
    {
        int rightCitations = citations.Count(c => goldSpans.Any(g => Overlaps(c, g)));
        int foundSpans = goldSpans.Count(g => citations.Any(c => Overlaps(c, g)));
        return Combine(citations.Count == 0 ? 0 : (double)rightCitations / citations.Count,
                       goldSpans.Count == 0 ? 0 : (double)foundSpans / goldSpans.Count);
    }

    private static bool Overlaps(Citation citation, GoldSpan gold) =>
        citation.Document == gold.Document && citation.Start < gold.End && gold.Start < citation.End;

    private static Result Combine(double precision, double recall) =>
        new(precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default)
    {
        Result result;
        if (benchmarkCase.GoldSpans.Count > 0) result = BySpan(prediction.Citations, benchmarkCase.GoldSpans);
        else if (benchmarkCase.GoldDocuments.Count > 0) result = ByDocument(prediction.Citations.Select(c => c.Document), benchmarkCase.GoldDocuments);
        else return ValueTask.FromResult(new MetricResult(Name, 0, Note: "case has no gold citations"));
        return ValueTask.FromResult(new MetricResult(Name, result.F1, Components: new Dictionary<string, double>
        {
            ["citation_precision"] = result.Precision,
            ["citation_recall"] = result.Recall,
        }));
    }
}

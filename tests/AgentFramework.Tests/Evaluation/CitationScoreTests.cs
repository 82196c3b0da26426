using AgentFramework.Citations;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Tests.Evaluation;

public class CitationScoreTests
{
    [Fact]
    public void By_document_compares_sets()
    {
        // P = 1/3, R = 1/2, F1 = (2 · 1/6) / (5/6) = 0.4.
        var result = CitationScore.ByDocument(["d1", "d2", "d3", "d1"], ["d1", "d4"]);
        Assert.Equal(1.0 / 3, result.Precision, 12);
        Assert.Equal(0.5, result.Recall, 12);
        Assert.Equal(0.4, result.F1, 12);
    }

    [Fact]
    public void By_span_needs_overlap_in_the_same_document()
    {
        GoldSpan[] gold = [new("doc", 0, 10), new("doc", 20, 30)];
        Citation[] cited = [new("doc", 5, 8, "x"), new("doc", 10, 20, "touching only"), new("other", 0, 10, "wrong doc")];
        var result = CitationScore.BySpan(cited, gold);
        Assert.Equal(1.0 / 3, result.Precision, 12);
        Assert.Equal(0.5, result.Recall, 12);
        Assert.Equal(0.4, result.F1, 12);
    }

    [Fact]
    public void No_citations_score_zero() => Assert.Equal(0.0, CitationScore.ByDocument([], ["d1"]).F1);

    [Fact]
    public async Task Metric_reports_precision_and_recall()
    {
        var benchmarkCase = new BenchmarkCase("c", "summhay", TaskKind.Summary, [], "q", [], [CitationScore.MetricName], "100k")
        { GoldDocuments = ["d1", "d2"] };
        var result = await new CitationScore().ScoreAsync(benchmarkCase, new Prediction("s", [new Citation("d1", 0, 1, "x")]), TestContext.Current.CancellationToken);
        Assert.Equal(1.0, result.Components!["citation_precision"]);
        Assert.Equal(0.5, result.Components!["citation_recall"]);
        Assert.Equal(2.0 / 3, result.Value, 12);
    }
}

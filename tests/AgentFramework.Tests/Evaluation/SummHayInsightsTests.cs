using AgentFramework.Citations;
using AgentFramework.Documents;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Judging;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Reports;

namespace AgentFramework.Tests.Evaluation;

/// <summary>
/// SummHay's insight evaluation (populate_eval.py + utils_eval.py, salesforce/summary-of-a-haystack @ 3e2007f) with a
/// scripted judge: the prompt it sends, how it reads the matched bullet's citations, and the coverage / citation /
/// joint arithmetic, checked by hand against compute_single_sample_scores.
/// </summary>
public class SummHayInsightsTests
{
    private static readonly Document[] Haystack = [.. Enumerable.Range(1, 4).Select(i => Document.FromText($"Article {i} text about boats.", $"doc{i}"))];

    private static BenchmarkCase Case() => new("t-1", "summhay", TaskKind.Summary, Haystack, "What about boats?", [], [SummHayInsights.MetricName], "8k")
    {
        Insights = [new("A", "Fishing boats return at dawn", ["doc1", "doc2"]), new("B", "Ferries are delayed", ["doc3"]), new("C", "Prices rose", ["doc4"])],
    };

    private const string Summary = "- Fishing boats come home at dawn [1, 3].\n\n  - Ferry delays grew [2][3]  \n- Harbour fees are unchanged.";

    [Fact]
    public void Bullets_are_stripped_nonblank_lines_and_go_to_the_judge_as_python_json()
    {
        var bullets = SummHayBullets.Split(Summary);
        Assert.Equal(["- Fishing boats come home at dawn [1, 3].", "- Ferry delays grew [2][3]", "- Harbour fees are unchanged."], bullets);
        Assert.Equal("{\n \"bullets\": [\n  {\n   \"bullet_id\": 1,\n   \"text\": \"caf\\u00e9 \\\"quoted\\\"\"\n  },\n  {\n   \"bullet_id\": 2,\n   \"text\": \"b\"\n  }\n ]\n}",
            PythonJsonText.Bullets(["café \"quoted\"", "b"]));
        var prompt = SummHayInsightJudge.Prompt("Ferries are delayed [[BULLETS]]", bullets);
        Assert.StartsWith("You are given a list of bullet points (each with a unique number), and a specific reference insight.", prompt);
        Assert.Contains("Reference Insight:\nFerries are delayed [[BULLETS]]\n\nBullet Points:\n{\n \"bullets\": [\n  {\n   \"bullet_id\": 1,", prompt);
    }

    [Fact]
    public async Task Coverage_citation_and_joint_follow_compute_single_sample_scores()
    {
        var client = new ScriptedChatClient(
            """{"coverage": "FULL_COVERAGE", "bullet_id": 1}""",
            "```json\n{\"coverage\": \"PARTIAL_COVERAGE\", \"bullet_id\": \"2\"}\n```",
            """{"coverage": "NO_COVERAGE", "bullet_id": "NA"}""");
        var result = await new SummHayInsights(new SummHayInsightJudge(client, "scripted")).ScoreAsync(Case(), Prediction.FromText(Summary), TestContext.Current.CancellationToken);
        // A: cited {1,3} vs gold {1,2}: P = R = 1/2, F1 = 1/2; joint 1 · 1/2. B: cited {2,3} vs {3}: P 1/2, R 1, F1 2/3; joint 0.5 · 2/3. C: 0.
        var c = result.Components!;
        Assert.Equal((1 + 0.5) / 3, c["coverage"], 12);
        Assert.Equal((0.5 + 2.0 / 3) / 2, c["citation"], 12);
        Assert.Equal((0.5 + 0.5 * 2 / 3) / 3, result.Value, 12);
        Assert.Equal((3, 2, 0), ((int)c["insights"], (int)c["covered"], (int)c["unparsed_verdicts"]));
        Assert.True(result.JudgeScored);
        Assert.Equal(3, client.Requests.Count);
        Assert.Contains("Reference Insight:\nFishing boats return at dawn\n", client.Requests[0][0].Text);
    }

    [Fact]
    public async Task A_non_numeric_bullet_id_reads_bullets_minus_two_as_python_does_and_unreadable_replies_are_retried()
    {
        // int("NA") fails → -1 → bullets[-2]: the second of three bullets, which cites {2,3}; gold of A is {1,2}: F1 = 1/2.
        var client = new ScriptedChatClient("""{"coverage": "FULL_COVERAGE", "bullet_id": "NA"}""",
            "no idea", "still no idea", "nope",
            """{"coverage": "FULL_COVERAGE", "bullet_id": 9}""");
        var result = await new SummHayInsights(new SummHayInsightJudge(client, "scripted")).ScoreAsync(Case(), Prediction.FromText(Summary), TestContext.Current.CancellationToken);
        var c = result.Components!;
        Assert.Equal(1, c["unparsed_verdicts"]);      // insight B: three unreadable replies, counted as not covered
        Assert.Equal(1, c["bullet_out_of_range"]);    // insight C: bullet 9 of 3 (the official code raises IndexError)
        Assert.Equal(0.5 / 3, result.Value, 12);
        Assert.Equal((1 + 0 + 1) / 3.0, c["coverage"], 12);
        Assert.Equal(0.25, c["citation"], 12);
        Assert.Contains("unreadable", result.Note);
    }

    [Fact]
    public void Structured_citations_are_attributed_to_the_bullet_sharing_most_words()
    {
        var bullets = SummHayBullets.Split("- Fishing boats come home at dawn.\n- Ferry delays grew this winter.");
        var (cited, attributed) = SummHayBullets.Citations(bullets,
            [new Citation("doc4", 0, 10, "ferry delays grew sharply"), new Citation("doc2", 0, 10, "the fishing boats come back"), new Citation("doc1", 0, 5, "unrelated words")],
            Haystack);
        Assert.Equal([2], cited[0]);
        Assert.Equal([4], cited[1]);
        Assert.Equal(2, attributed);
    }

    [Fact]
    public void Report_pools_insights_over_summaries_as_compute_full_results()
    {
        static MetricResult Summary(int insights, int covered, double coverage, double citation, double joint) => new(SummHayInsights.MetricName, joint / insights, true,
            new Dictionary<string, double> { ["insights"] = insights, ["covered"] = covered, ["coverage_sum"] = coverage, ["citation_sum"] = citation, ["joint_sum"] = joint });
        List<CaseResult> rows =
        [
            new("summhay", "a", "full-context", "8k", null, "", [Summary(2, 2, 2, 1, 1)], 0.5, SummHayInsights.MetricName, 1, 1, 1, 1, 1, 0) { Benchmark = "summhay", Task = "summhay" },
            new("summhay", "b", "full-context", "8k", null, "", [Summary(6, 1, 0.5, 0, 0)], 0, SummHayInsights.MetricName, 1, 1, 1, 1, 1, 0) { Benchmark = "summhay", Task = "summhay" },
        ];
        var aggregates = SummaryBuilder.Build(rows).Aggregates.Where(a => a.Benchmark == "summhay").ToDictionary(a => a.Name, a => a.Scores["full-context"]!.Value);
        Assert.Equal(100 * 2.5 / 8, aggregates["coverage"], 9);  // pooled over 8 insights, not the mean of two summaries (56.25)
        Assert.Equal(100 * 1.0 / 3, aggregates["citation"], 9);  // over the 3 covered insights
        Assert.Equal(100 * 1.0 / 8, aggregates["joint"], 9);
    }
}

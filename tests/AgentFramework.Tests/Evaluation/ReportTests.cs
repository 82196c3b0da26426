using System.Text.Json;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Reports;

namespace AgentFramework.Tests.Evaluation;

public class ReportTests
{
    private static CaseResult Row(string pipeline, string caseId, string bucket, double score, long promptTokens = 1000, int calls = 1,
        double wall = 1.0, string? error = null, bool judged = false) =>
        new("niah", caseId, pipeline, bucket, 4096, "answer",
            [new MetricResult("string-match-all", score), .. judged ? [new MetricResult("judge-correctness", score, JudgeScored: true)] : Array.Empty<MetricResult>()],
            score, "string-match-all", promptTokens, 20, calls, wall, 100 * 1048576L, 0, error);

    /// <summary>Two pipelines over four cases in two buckets; numbers chosen so every aggregate is easy to check by hand.</summary>
    private static List<CaseResult> Rows() =>
    [
        Row("full-context", "a", "4k", 1.0, promptTokens: 4000, wall: 2.0),
        Row("full-context", "b", "4k", 0.0, promptTokens: 4000, wall: 4.0),
        Row("full-context", "c", "16k", 0.5, promptTokens: 16000, wall: 6.0),
        Row("full-context", "d", "16k", 1.0, promptTokens: 16000, wall: 8.0),
        Row("retrieve-then-reason", "a", "4k", 1.0, promptTokens: 800, calls: 3, wall: 1.0),
        Row("retrieve-then-reason", "b", "4k", 1.0, promptTokens: 800, calls: 3, wall: 1.0),
        Row("retrieve-then-reason", "c", "16k", 0.0, promptTokens: 900, calls: 3, wall: 1.5),
        Row("retrieve-then-reason", "d", "16k", 0.0, promptTokens: 900, calls: 3, wall: 2.5, error: "model failed"),
    ];

    [Fact]
    public void Summary_aggregates_by_pipeline_and_bucket()
    {
        var summary = SummaryBuilder.Build(Rows());
        Assert.Equal(["4k", "16k"], summary.Buckets); // by size, not alphabetically
        var full = summary.Pipelines.Single(p => p.Pipeline == "full-context");
        Assert.Equal(62.5, full.MeanScore, 10);                // 0–100, as the benchmarks report
        Assert.Equal(50, full.ByBucket["4k"].MeanScore, 10);
        Assert.Equal(75, full.ByBucket["16k"].MeanScore, 10);
        Assert.Equal(40_000, full.PromptTokens);
        Assert.Equal(5.0, full.MeanWallSeconds, 12);
        Assert.Equal(5.0, full.MedianWallSeconds, 12);

        var rag = summary.Pipelines.Single(p => p.Pipeline == "retrieve-then-reason");
        Assert.Equal(4, rag.Cases);
        Assert.Equal(1, rag.FailedCases);
        Assert.Equal(200.0 / 3, rag.MeanScore, 10);     // failed row excluded from scores
        Assert.Equal(9, rag.ModelCalls);                 // and from cost means
        Assert.Equal(3, rag.TimedCases);                 // and from latency
        Assert.Equal(3.5 / 3, rag.MeanWallSeconds, 10);
        Assert.Equal(1, summary.FailedRows);
    }

    [Fact]
    public void Wins_ties_losses_pair_cases_with_the_baseline()
    {
        var comparison = SummaryBuilder.Build(Rows()).VersusBaseline.Single();
        // a: 1 vs 1 tie; b: 1 vs 0 win; c: 0 vs 0.5 loss; d failed → not compared.
        Assert.Equal(("retrieve-then-reason", 1, 1, 1), (comparison.Pipeline, comparison.Wins, comparison.Ties, comparison.Losses));
    }

    [Fact]
    public void Without_the_baseline_there_is_no_comparison()
    {
        var summary = SummaryBuilder.Build(Rows().Where(r => r.Pipeline != "full-context").ToList());
        Assert.Null(summary.Baseline);
        Assert.Empty(summary.VersusBaseline);
        Assert.Contains("No full-context results", MarkdownReport.Render(summary, []));
    }

    [Fact]
    public void Journal_appends_resumes_and_survives_a_torn_line()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "results.jsonl");
        using (var journal = new ResultsJournal(path))
            foreach (var row in Rows()) journal.Append(row);
        File.AppendAllText(path, "{\"dataset\":\"niah\",\"case_id\":\"e\""); // killed mid-write

        var finished = ResultsJournal.FinishedKeys(path);
        Assert.Equal(7, finished.Count);                                      // the failed row is retried
        Assert.DoesNotContain(CaseResult.ResultKey("niah", "d", "retrieve-then-reason"), finished);

        using (var journal = new ResultsJournal(path))
            journal.Append(Row("retrieve-then-reason", "d", "16k", 1.0));     // the retry succeeds
        var rows = ResultsJournal.Read(path);
        Assert.Equal(8, rows.Count);                                          // newest row per key
        Assert.Null(rows.Single(r => r.CaseId == "d" && r.Pipeline == "retrieve-then-reason").Error);
        Assert.Equal(8, ResultsJournal.FinishedKeys(path).Count);
    }

    [Fact]
    public void Rows_round_trip_through_json_with_judge_flags()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "results.jsonl");
        using (var journal = new ResultsJournal(path)) journal.Append(Row("full-context", "a", "4k", 1.0, judged: true));
        var line = File.ReadAllLines(path).Single();
        Assert.Contains("\"case_id\":\"a\"", line);
        Assert.Contains("\"judge_scored\":true", line);
        var row = ResultsJournal.Read(path).Single();
        Assert.True(row.Scores.Single(s => s.Metric == "judge-correctness").JudgeScored);
        Assert.False(row.JudgeScored); // the primary metric is deterministic
    }

    [Fact]
    public void Report_files_agree_with_each_other()
    {
        using var folder = new TempFolder();
        var rows = Rows().Select(r => r.Pipeline == "full-context" && r.CaseId == "a"
            ? r with { Scores = [.. r.Scores, new MetricResult("judge-correctness", 1, JudgeScored: true)] } : r).ToList();
        var written = ReportWriter.Write(rows, folder.Path);

        Assert.Equal(5, written.Files.Count);
        Assert.All(written.Files, f => Assert.True(new FileInfo(f).Length > 0, f));
        foreach (var png in written.Files.Where(f => f.EndsWith(".png")))
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, ReportWriter.SummaryFile)));
        Assert.Equal(rows.Count, json.RootElement.GetProperty("rows").GetInt32());
        var pipelines = json.RootElement.GetProperty("pipelines");
        Assert.Equal(rows.Count, pipelines.EnumerateArray().Sum(p => p.GetProperty("cases").GetInt32()));
        Assert.Equal(rows.Where(r => r.Error is null).Sum(r => r.PromptTokens), pipelines.EnumerateArray().Sum(p => p.GetProperty("prompt_tokens").GetInt64()));

        var report = File.ReadAllText(Path.Combine(folder.Path, ReportWriter.ReportFile));
        Assert.Contains("| full-context | 50.00 (2) | 75.00 (2) | 62.50 (4) |", report);
        Assert.Contains("| retrieve-then-reason | 1 | 1 | 1 |", report);
        Assert.Contains("judge-correctness (judge-scored)", report);
        Assert.Contains($"]({ResultPlots.ScoreVsLength})", report);
        Assert.Contains("| full-context | 4 | 0 | 0 | 40000 |", report);
        Assert.Contains("| niah | d | retrieve-then-reason | model failed |", report);
    }
}

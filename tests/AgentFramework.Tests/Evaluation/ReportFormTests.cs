using AgentFramework.Documents;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Reports;

namespace AgentFramework.Tests.Evaluation;

/// <summary>Reports in the benchmarks' own form: 0–100, per-task then macro averages, splits, aggregates, labels, failures.</summary>
public class ReportFormTests
{
    private static CaseResult Row(string benchmark, string task, string caseId, string pipeline, double score, string metric = "token-f1",
        string bucket = "4k", IReadOnlyDictionary<string, string>? splits = null, string? error = null, IReadOnlyList<MetricResult>? scores = null,
        double wall = 1, int cached = 0) =>
        new CaseResult(benchmark, caseId, pipeline, bucket, 4000, "answer", scores ?? [new MetricResult(metric, score)], score, metric,
            100, 10, 1, wall, 1, 0, error) { Benchmark = benchmark, Task = task, Splits = splits, CachedCalls = cached };

    [Fact]
    public void All_is_the_macro_average_of_task_means_not_pooled_cases()
    {
        List<CaseResult> rows =
        [
            Row("longbench", "hotpotqa", "h1", "full-context", 1), Row("longbench", "hotpotqa", "h2", "full-context", 1),
            Row("longbench", "hotpotqa", "h3", "full-context", 1), Row("longbench", "gov_report", "g1", "full-context", 0, "rouge-l"),
        ];
        var summary = SummaryBuilder.Build(rows);
        Assert.Equal(50, summary.Pipelines.Single().MeanScore, 10);      // pooled would be 75
        Assert.Equal(50, summary.Pipelines.Single().ByBucket["4k"].MeanScore, 10);
        var report = MarkdownReport.Render(summary, []);
        Assert.Contains("| hotpotqa | qa_f1_score | 100.00 (3) |", report);
        Assert.Contains("| gov_report | rouge_score | 0.00 (1) |", report);
        Assert.Contains("| **macro average** | over tasks | **50.00** |", report);
        Assert.Contains("Metric: rouge_score; qa_f1_score", report);
    }

    [Fact]
    public void Failed_runs_are_listed_with_reasons_counted_apart_and_kept_out_of_means_and_latency()
    {
        List<CaseResult> rows =
        [
            Row("ruler", "niah", "a", "full-context", 1, "string-match-all", wall: 2),
            Row("ruler", "niah", "b", "full-context", 0, "string-match-all", error: "PromptTooLongException: 5000 tokens | limit 2048", wall: 60),
            Row("ruler", "niah", "c", "full-context", 0.5, "string-match-all", wall: 30, cached: 2),
        ];
        var summary = SummaryBuilder.Build(rows);
        var p = summary.Pipelines.Single();
        Assert.Equal((3, 1, 1, 1), (p.Cases, p.FailedCases, p.CachedCases, p.TimedCases));
        Assert.Equal(75, p.MeanScore, 10);                                 // the failure is not a zero
        Assert.Equal(2, p.MeanWallSeconds, 10);                            // neither the failure nor the replay is timed
        var report = MarkdownReport.Render(summary, []);
        Assert.Contains("| ruler | b | full-context | PromptTooLongException: 5000 tokens \\| limit 2048 |", report);
        Assert.Contains("1 failed (listed under Failed runs", report);
        Assert.Contains("1 cached replays", report);
        Assert.Contains("| niah | string_match_all | 75.00 (2) +1 failed |", report);
    }

    [Fact]
    public void LongBench_e_reports_its_length_ranges_and_v2_its_difficulty_and_length_splits()
    {
        var rows = new List<CaseResult>();
        foreach (var (range, score) in new[] { ("8k+", 0.0), ("0-4k", 1.0), ("4-8k", 0.5) })
            rows.Add(Row("longbench-e", "qasper", "q" + range, "full-context", score, splits: new Dictionary<string, string> { ["length range"] = range }));
        rows.Add(Row("longbench-e", "trec", "t1", "full-context", 0, "classification-score", splits: new Dictionary<string, string> { ["length range"] = "0-4k" }));
        foreach (var (difficulty, length, score) in new[] { ("hard", "long", 0.0), ("easy", "short", 1.0), ("hard", "medium", 1.0) })
            rows.Add(Row("longbench-v2", "longbench-v2", difficulty + length, "full-context", score, "mc-accuracy", length,
                new Dictionary<string, string> { ["difficulty"] = difficulty, ["length"] = length }));
        var summary = SummaryBuilder.Build(rows);
        var report = MarkdownReport.Render(summary, []);

        Assert.Contains("| task | pipeline | 0-4k | 4-8k | 8k+ |", report);
        Assert.Contains("| **all tasks** | full-context | 50.00 (2) | 50.00 (1) | 0.00 (1) |", report);  // 0-4k: macro of qasper 100, trec 0
        Assert.Contains("| qasper | full-context | 100.00 (1) | 50.00 (1) | 0.00 (1) |", report);
        Assert.Contains("| task | pipeline | easy | hard |", report);
        Assert.Contains("| **all tasks** | full-context | 100.00 (1) | 50.00 (2) |", report);
        Assert.Contains("| task | pipeline | short | medium | long |", report);
        Assert.Contains("| longbench-v2 | accuracy | 66.67 (3) |", report);
    }

    [Fact]
    public void LongBench_write_buckets_sort_by_words_and_report_s_l_s_q_and_overall()
    {
        var rows = new[] { ">=4kw", "<500w", "2k-4kw", "500-2kw" }
            .Select((b, i) => Row("longbench-write", "longbench-write", "w" + i, "plan-then-write", 0.8, "length-score", b)).ToList();
        var summary = SummaryBuilder.Build(rows);
        Assert.Equal(["<500w", "500-2kw", "2k-4kw", ">=4kw"], summary.Buckets);
        Assert.Equal("required output length (words, bucket)", summary.BucketAxis);
        var aggregates = summary.Aggregates.ToDictionary(a => a.Name);
        Assert.Equal(80, aggregates["S_l"].Scores["plan-then-write"]!.Value, 10);
        Assert.Null(aggregates["S_q"].Scores["plan-then-write"]);
        Assert.Null(aggregates["overall"].Scores["plan-then-write"]);
        Assert.Contains("MetricRegistry.Judge", aggregates["S_q"].Note);

        var judged = rows.Select(r => r with { Scores = [.. r.Scores, new MetricResult("longwriter-quality", 0.6, JudgeScored: true)] }).ToList();
        var withJudge = SummaryBuilder.Build(judged).Aggregates.ToDictionary(a => a.Name);
        Assert.Equal(70, withJudge["overall"].Scores["plan-then-write"]!.Value, 10);
        Assert.Contains("| S_l | ", MarkdownReport.Render(summary, []));
    }

    [Fact]
    public void Summhay_reports_coverage_citation_and_joint_and_lara_without_a_judge_says_token_f1()
    {
        List<CaseResult> rows =
        [
            Row("summhay", "summhay", "s1", "full-context", 0.5, "judge-coverage", scores:
                [new MetricResult("judge-coverage", 0.5, JudgeScored: true), new MetricResult("summhay-citation", 0.4), new MetricResult("summhay-joint", 0.2)]),
            Row("lara", "location", "l1", "full-context", 0.3, "token-f1"),
        ];
        var summary = SummaryBuilder.Build(rows);
        var summhay = summary.Aggregates.Where(a => a.Benchmark == "summhay").ToDictionary(a => a.Name, a => a.Scores["full-context"]);
        Assert.Equal((50.0, 40.0, 20.0), (summhay["coverage"]!.Value, summhay["citation"]!.Value, summhay["joint"]!.Value));
        var report = MarkdownReport.Render(summary, []);
        Assert.Contains("token-f1 (no judge: LaRA's own metric is judge-scored accuracy", report);
        Assert.Contains("| summhay | coverage (judge-scored) | 50.00 (1) |", report);
    }

    [Fact]
    public void Loaders_record_what_the_report_groups_by()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "qasper_e.jsonl");
        File.WriteAllText(file, """{"input":"q","context":"some context","answers":["a"],"length":5123,"dataset":"qasper","language":"en","all_classes":null,"_id":"x1"}""" + "\n");
        var longbenchE = LongBenchLoader.Load(file, "qasper_e").Single();
        var row = BenchmarkFamilies.Describe(Row("?", "?", "x1", "full-context", 1), longbenchE);
        Assert.Equal(("longbench-e", "qasper", "4-8k"), (row.Benchmark, row.Task, row.Splits!["length range"]));

        var synthetic = new AgentFramework.Evaluation.Synthetic.SyntheticGenerator(AgentFramework.Tokens.TokenCounters.Cl100k,
            new AgentFramework.Evaluation.Synthetic.GeneratedFiller()).Generate("niah", 2048, 1, 0, 0.25);
        var needle = BenchmarkFamilies.Describe(Row("?", "?", "n", "full-context", 1), synthetic);
        Assert.Equal(("ruler", "niah", 0.25, "ruler"), (needle.Benchmark, needle.Task, needle.Depth, needle.LengthDefinition));

        var v2 = new BenchmarkCase("v", "longbench-v2", TaskKind.MultipleChoice, [Document.FromText("c", "v")], "q", ["A"], ["mc-accuracy"], "medium")
        { Metadata = new Dictionary<string, string> { ["domain"] = "d", ["difficulty"] = "easy" } };
        Assert.Equal(["easy", "medium"], BenchmarkFamilies.Describe(Row("?", "?", "v", "p", 1), v2).Splits!.Values);
    }

    [Fact]
    public void Needle_heatmap_is_written_and_shown_in_the_report()
    {
        using var folder = new TempFolder();
        var rows = new List<CaseResult>();
        foreach (var length in new[] { "16k", "1k", "4k" })
            foreach (var depth in new[] { 0.0, 0.5, 1.0 })
                rows.Add(Row("niah", "niah", $"{length}-{depth}", "full-context", depth == 0.5 && length == "16k" ? 0 : 1, "string-match-all", length)
                    with { Depth = depth, LengthDefinition = "ruler" });
        var written = ReportWriter.Write(rows, folder.Path);
        var heatmap = Path.Combine(folder.Path, NeedleHeatmap.FileName("niah", "full-context"));
        Assert.Contains(heatmap, written.Files);
        Assert.True(new FileInfo(heatmap).Length > 1000);
        var report = File.ReadAllText(Path.Combine(folder.Path, ReportWriter.ReportFile));
        Assert.Contains("| depth | 1k | 4k | 16k |", report);
        Assert.Contains("| 50% | 100 (1) | 100 (1) | 0 (1) |", report);
        Assert.Contains($"]({Path.GetFileName(heatmap)})", report);
        Assert.Contains("N as RULER defines it", report);
    }
}

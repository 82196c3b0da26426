using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Reports;

namespace AgentFramework.IntegrationTests.Evaluation;

/// <summary>
/// L-Eval's open-ended aggregates in report.md/summary.json against the official formulas applied to the official
/// per-pair scores of the conformance pairs: "ROUGE avg" R-1/R-2/R-L is the macro average over ROUGE tasks of each
/// task's mean F × 100 (OpenLMLab/LEval Leaderboard/*.csv, e.g. turbo-16k-0613 37.01/10.67/20.35), and a task's
/// LEval_score the geometric mean of its three means (Evaluation/auto_eval.py @ cd34b05).
/// </summary>
public sealed class LEvalAggregateConformanceTests
{
    [Fact]
    public async Task Rouge_avg_and_leval_score_equal_the_official_formula_on_the_conformance_pairs()
    {
        var pairs = ConformancePair.Load(SharedData.RequireFile("data/scorer-conformance/pairs.jsonl")).Where(p => p.Family == "leval_rouge").ToList();
        Assert.True(pairs.Count > 500, $"{pairs.Count} leval_rouge pairs");
        var metric = new LEvalRouge();
        var rows = new List<CaseResult>();
        foreach (var pair in pairs)
        {
            var benchmarkCase = new BenchmarkCase(pair.Id, "leval:" + pair.Task, TaskKind.Summary, [], "", pair.Golds, [LEvalRouge.MetricName], "8k");
            var score = await metric.ScoreAsync(benchmarkCase, Prediction.FromText(pair.Prediction), TestContext.Current.CancellationToken);
            rows.Add(new CaseResult(benchmarkCase.Dataset, pair.Id, "ours", "8k", null, pair.Prediction, [score], score.Value, score.Metric, 1, 1, 1, 1, 1, 0)
            {
                Benchmark = BenchmarkFamilies.LEval, Task = pair.Task, Splits = new Dictionary<string, string> { ["group"] = "open-ended" },
            });
        }
        var aggregates = SummaryBuilder.Build(rows).Aggregates.ToDictionary(a => a.Name, a => a.Scores["ours"]);

        var byTask = pairs.GroupBy(p => p.Task!).ToDictionary(g => g.Key, g => (
            R1: 100 * g.Average(p => p.Official.GetProperty("rouge1").GetDouble()),
            R2: 100 * g.Average(p => p.Official.GetProperty("rouge2").GetDouble()),
            RL: 100 * g.Average(p => p.OfficialScore!.Value)));
        Assert.Equal(7, byTask.Count);
        Assert.Equal(byTask.Values.Average(t => t.R1), aggregates["ROUGE avg R-1"]!.Value, 1e-9);
        Assert.Equal(byTask.Values.Average(t => t.R2), aggregates["ROUGE avg R-2"]!.Value, 1e-9);
        Assert.Equal(byTask.Values.Average(t => t.RL), aggregates["ROUGE avg R-L"]!.Value, 1e-9);
        foreach (var (task, t) in byTask)
            Assert.Equal(Math.Pow(t.R1 * t.R2 * t.RL, 1.0 / 3), aggregates[$"LEval_score {task}"]!.Value, 1e-9);
        Assert.DoesNotContain("open-ended average", aggregates.Keys); // the old stand-in (macro of R-L alone) is gone

        var report = MarkdownReport.Render(SummaryBuilder.Build(rows), []);
        Assert.Contains("| ROUGE avg R-1 | ", report);
    }
}

using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// Summary of a Haystack's coverage: the mean over the case's gold insights of the judge's full (1) / partial (0.5) /
/// none (0) verdict. Judge-scored.
/// </summary>
public sealed class JudgeCoverage(IJudge judge) : IMetric
{
    public const string MetricName = "judge-coverage";
    public string Name => MetricName;
    public bool JudgeScored => true;

    public async ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default)
    {
        if (benchmarkCase.Insights.Count == 0)
            return new MetricResult(Name, 0, JudgeScored: true, Note: "case has no insights");
        double total = 0;
        int unparsed = 0;
        foreach (var insight in benchmarkCase.Insights)
        {
            var verdict = await judge.JudgeAsync(new JudgeRequest(JudgeCriterion.InsightCoverage, benchmarkCase.Question, insight.Text, prediction.Text),
                cancellationToken).ConfigureAwait(false);
            total += verdict.Score;
            if (!verdict.Parsed) unparsed++;
        }
        return new MetricResult(Name, total / benchmarkCase.Insights.Count, JudgeScored: true,
            Components: new Dictionary<string, double> { ["insights"] = benchmarkCase.Insights.Count, ["unparsed_verdicts"] = unparsed },
            Note: $"{MetricResult.JudgeScoredLabel} by {judge.ModelName}");
    }
}

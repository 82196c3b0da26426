using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>Judge-scored correctness of a free-form answer against the first gold answer (LaRA's scoring).</summary>
public sealed class JudgeCorrectness(IJudge judge) : IMetric
{
    public const string MetricName = "judge-correctness";
    public string Name => MetricName;
    public bool JudgeScored => true;

    public async ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default)
    {
        var reference = benchmarkCase.GoldAnswers.Count > 0 ? benchmarkCase.GoldAnswers[0] : "";
        var verdict = await judge.JudgeAsync(new JudgeRequest(JudgeCriterion.Correctness, benchmarkCase.Question, reference, prediction.Text),
            cancellationToken).ConfigureAwait(false);
        return new MetricResult(Name, verdict.Score, JudgeScored: true,
            Note: $"{MetricResult.JudgeScoredLabel} by {judge.ModelName}: {verdict.Label}");
    }
}

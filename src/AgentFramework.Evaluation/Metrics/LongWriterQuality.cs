using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Judging;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// LongBench-Write's quality score S_q for one sample, judge-scored by <see cref="LongWriterQualityJudge"/>: the value is
/// (mean of the six 1–5 dimension scores − 1) / 4, so the report's mean × 100 is eval_quality.py's "total"; each
/// dimension's raw score is a component. A sample the judge never scores readably is skipped (not averaged), as
/// eval_quality.py skips it.
/// </summary>
public sealed class LongWriterQuality(LongWriterQualityJudge judge) : IMetric
{
    public const string MetricName = "longwriter-quality";
    public string Name => MetricName;
    public bool JudgeScored => true;

    public async ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default)
    {
        var verdict = await judge.JudgeAsync(benchmarkCase.Question, prediction.Text, cancellationToken).ConfigureAwait(false);
        if (verdict.Scores is null)
            throw new MetricSkippedException(Name, $"the judge's replies never gave the six scores as JSON ({verdict.Calls} calls; LongWriter's eval_quality.py drops such a sample)");
        var components = verdict.Scores.ToDictionary(kv => kv.Key, kv => kv.Value);
        components["judge_calls"] = verdict.Calls;
        return new MetricResult(Name, verdict.Quality!.Value, JudgeScored: true, Components: components,
            Note: $"{MetricResult.JudgeScoredLabel} by {judge.ModelName}");
    }
}

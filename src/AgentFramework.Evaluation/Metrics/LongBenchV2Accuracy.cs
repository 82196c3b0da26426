using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// LongBench v2's accuracy per case (THUDM/LongBench @ c5ea10b pred.py): the letter <see cref="LongBenchV2Answer"/>
/// extracts from the response ("The correct answer is (X)") equals the gold letter — 1, else 0; no letter scores 0.
/// </summary>
public sealed class LongBenchV2Accuracy : IMetric
{
    public const string MetricName = "longbench-v2-accuracy";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default)
    {
        if (benchmarkCase.GoldAnswers.Count == 0) return ValueTask.FromResult(new MetricResult(Name, 0, Note: "case has no answer"));
        var chosen = LongBenchV2Answer.Extract(prediction.Text.Trim());
        return ValueTask.FromResult(new MetricResult(Name, chosen == benchmarkCase.GoldAnswers[0] ? 1 : 0,
            Note: chosen is null ? "no \"The correct answer is (X)\" in the response" : $"chose {chosen}"));
    }
}

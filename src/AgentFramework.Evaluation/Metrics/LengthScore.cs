using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// LongBench-Write's length score S_l (Bai et al., "LongWriter", arXiv 2408.07055, §4.1; THUDM/LongWriter
/// evaluation/eval_length.py), with l the required and l' the produced length in words (<see cref="WordCounter"/>):
/// <code>
/// S_l = 100 · max(0, 1 − (l'/l − 1) / 3)   if l' &gt; l   (too long: gentle penalty)
/// S_l = 100 · max(0, 1 − (l/l' − 1) / 2)   if l' ≤ l   (too short: steeper penalty)
/// </code>
/// Words are counted as LongWriter's count_words counts them (<see cref="LongWriterWords"/>, Python's \b). An empty
/// output (l' = 0, where eval_length.py divides by zero) scores 0 with a note. Reported here divided by 100, so every
/// metric lies in [0, 1].
/// </summary>
public sealed class LengthScore : IMetric
{
    public const string MetricName = "length-score";
    public string Name => MetricName;
    public bool JudgeScored => false;

    /// <summary>S_l in [0, 100] for required length <paramref name="required"/> and produced length <paramref name="produced"/>.</summary>
    public static double Score(int required, int produced) => Agents.PlanThenWrite.LengthScore.Compute(required, produced);

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default)
    {
        if (benchmarkCase.RequiredWords is not int required)
            return ValueTask.FromResult(new MetricResult(Name, 0, Note: "case has no required length"));
        int produced = LongWriterWords.Count(prediction.Text);
        var official = LongWriterWords.Score(required, produced);
        return ValueTask.FromResult(new MetricResult(Name, (official ?? 0) / 100,
            Note: official is null ? "no words produced (LongWriter's score divides by zero here)" : null,
            Components: new Dictionary<string, double> { ["required_words"] = required, ["produced_words"] = produced }));
    }
}

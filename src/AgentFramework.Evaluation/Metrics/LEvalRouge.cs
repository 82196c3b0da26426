using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// L-Eval's open-ended ROUGE per case (<see cref="RougeScore"/>, Google's rouge_score without stemming, max over
/// references): the value is ROUGE-L F; ROUGE-1 and ROUGE-2 are components. L-Eval reports per task the means of the
/// three (×100) and, as LEval_score, their geometric mean — a report aggregate, not a per-case value.
/// </summary>
public sealed class LEvalRouge : IMetric
{
    public const string MetricName = "leval-rouge";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default)
    {
        var scores = benchmarkCase.GoldAnswers.Select(gold => RougeScore.Score(prediction.Text, gold)).ToList();
        if (scores.Count == 0) return ValueTask.FromResult(new MetricResult(Name, 0, Note: "case has no reference"));
        // auto_eval.py takes the max over references for each ROUGE type separately.
        double r1 = scores.Max(s => s.Rouge1), r2 = scores.Max(s => s.Rouge2), rl = scores.Max(s => s.RougeL);
        return ValueTask.FromResult(new MetricResult(Name, rl, Components: new Dictionary<string, double>
        {
            ["rouge1"] = r1, ["rouge2"] = r2, ["rougeL"] = rl,
        }));
    }
}

using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// 1 when the letters extracted from the response equal the gold letters (all of them, for multi-select), else 0.
/// Options come from the case, or from "A. ..." lines inside the question.
/// </summary>
public sealed class MultipleChoiceAccuracy : IMetric
{
    public const string MetricName = "mc-accuracy";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public static double Score(string response, IEnumerable<string> goldAnswers, IReadOnlyList<string>? options = null)
    {
        var chosen = MultipleChoiceAnswerExtractor.Extract(response, options);
        if (chosen is null) return 0;
        return goldAnswers.Any(gold => MultipleChoiceAnswerExtractor.GoldLetters(gold) == chosen) ? 1 : 0;
    }

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default)
    {
        var options = benchmarkCase.Options.Count > 0 ? benchmarkCase.Options : MultipleChoiceAnswerExtractor.InlineOptions(benchmarkCase.Question);
        var chosen = MultipleChoiceAnswerExtractor.Extract(prediction.Text, options);
        double value = chosen is not null && benchmarkCase.GoldAnswers.Any(g => MultipleChoiceAnswerExtractor.GoldLetters(g) == chosen) ? 1 : 0;
        return ValueTask.FromResult(new MetricResult(Name, value, Note: chosen is null ? "no option found" : $"chose {chosen}"));
    }
}

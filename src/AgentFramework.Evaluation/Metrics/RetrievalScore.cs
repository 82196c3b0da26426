using System.Text.RegularExpressions;
using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// LongBench's retrieval_score (passage_retrieval_en, gold "Paragraph 12") and retrieval_zh_score
/// (passage_retrieval_zh, gold "段落12"): the paragraph number is read from the gold with the language's pattern, then
/// scored like <see cref="CountScore"/>: the fraction of numbers in the prediction equal to it. A gold without the
/// pattern scores 0 (LongBench would raise). Maximum over gold answers.
/// </summary>
public sealed partial class RetrievalScore(bool chinese = false) : IMetric
{
    public const string MetricName = "retrieval-score";
    public const string ChineseMetricName = "retrieval-zh-score";

    [GeneratedRegex(@"Paragraph (\d+)")]
    private static partial Regex EnglishParagraph();

    [GeneratedRegex(@"段落(\d+)")]
    private static partial Regex ChineseParagraph();

    public string Name => chinese ? ChineseMetricName : MetricName;
    public bool JudgeScored => false;

    public static double Score(string prediction, IEnumerable<string> goldAnswers, bool chinese = false) =>
        goldAnswers.Select(gold => ScoreOne(prediction, gold, chinese)).DefaultIfEmpty(0).Max();

    private static double ScoreOne(string prediction, string gold, bool chinese) => ScoreOne(prediction, gold, chinese, out _) ?? 0;

    /// <summary>The score against one gold, or null when the gold has no paragraph number (LongBench raises IndexError).</summary>
    public static double? ScoreOne(string prediction, string gold, bool chinese, out string? paragraph)
    {
        var match = (chinese ? ChineseParagraph() : EnglishParagraph()).Match(gold);
        paragraph = match.Success ? match.Groups[1].Value : null;
        return match.Success ? NumberTokens.FractionEqualTo(prediction, paragraph!) : null;
    }

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new MetricResult(Name, Score(prediction.Text, benchmarkCase.GoldAnswers, chinese)));
}

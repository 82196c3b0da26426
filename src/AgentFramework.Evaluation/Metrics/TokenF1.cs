using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// LongBench's qa_f1_score: bag-of-tokens F1 between the normalised prediction and each gold answer (repeated tokens
/// count min(pred, gold) times), maximum over gold answers. No overlap scores 0, including empty answers.
/// </summary>
public sealed class TokenF1(bool chinese = false) : IMetric
{
    public const string MetricName = "token-f1";
    public const string ChineseMetricName = "token-f1-zh";

    public string Name => chinese ? ChineseMetricName : MetricName;
    public bool JudgeScored => false;

    public static double Score(string prediction, IEnumerable<string> goldAnswers) =>
        goldAnswers.Select(gold => F1(AnswerNormalizer.Tokens(prediction), AnswerNormalizer.Tokens(gold))).DefaultIfEmpty(0).Max();

    public static double ScoreChinese(string prediction, IEnumerable<string> goldAnswers) =>
        goldAnswers.Select(gold => F1(AnswerNormalizer.ChineseTokens(prediction), AnswerNormalizer.ChineseTokens(gold))).DefaultIfEmpty(0).Max();

    public static double F1(IReadOnlyList<string> predictionTokens, IReadOnlyList<string> goldTokens)
    {
        var goldCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in goldTokens) goldCounts[token] = goldCounts.GetValueOrDefault(token) + 1;
        int same = 0;
        foreach (var token in predictionTokens)
        {
            if (goldCounts.TryGetValue(token, out var left) && left > 0) { same++; goldCounts[token] = left - 1; }
        }
        if (same == 0) return 0;
        double precision = (double)same / predictionTokens.Count;
        double recall = (double)same / goldTokens.Count;
        return 2 * precision * recall / (precision + recall);
    }

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new MetricResult(Name, chinese
            ? ScoreChinese(prediction.Text, benchmarkCase.GoldAnswers)
            : Score(prediction.Text, benchmarkCase.GoldAnswers)));
}

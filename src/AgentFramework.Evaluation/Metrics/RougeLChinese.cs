using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// LongBench's rouge_zh_score (dureader, vcsum), ported from THUDM/LongBench @ 2e00731 LongBench/metrics.py: both texts
/// are segmented by jieba (<see cref="ChineseSegmenter"/>), the words joined with single spaces and scored by
/// <see cref="RougeL"/>. Maximum over gold answers.
/// </summary>
internal sealed class RougeLChinese : IMetric
{
    public const string MetricName = "rouge-l-zh";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public static double Score(string prediction, IEnumerable<string> goldAnswers)
    {
        var candidate = Segment(prediction);
        return goldAnswers.Select(gold => RougeL.FMeasure(candidate, Segment(gold))).DefaultIfEmpty(0).Max();
    }

    /// <summary><c>" ".join(jieba.cut(text, cut_all=False))</c>.</summary>
    public static string Segment(string text) => string.Join(' ', ChineseSegmenter.Cut(text));

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new MetricResult(Name, Score(prediction.Text, benchmarkCase.GoldAnswers)));
}

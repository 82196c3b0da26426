using System.Text;
using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// LongBench's rouge_zh_score (dureader, vcsum): the texts are segmented into words, joined with spaces and scored by
/// <see cref="RougeL"/>. LongBench segments with jieba; without a segmenter each letter or mark that is not part of a
/// Latin letter/digit run is its own word (CJK characters, punctuation) and letter/digit runs stay whole, so scores
/// differ slightly from LongBench's on multi-character Chinese words (the same approximation as
/// <see cref="TokenF1"/>'s Chinese variant). Maximum over gold answers.
/// </summary>
public sealed class RougeLChinese : IMetric
{
    public const string MetricName = "rouge-l-zh";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public static double Score(string prediction, IEnumerable<string> goldAnswers)
    {
        var candidate = Segment(prediction);
        return goldAnswers.Select(gold => RougeL.FMeasure(candidate, Segment(gold))).DefaultIfEmpty(0).Max();
    }

    /// <summary>Words separated by single spaces ("我们 在 2024 年 ." from "我们在2024年.").</summary>
    public static string Segment(string text)
    {
        var words = new List<string>();
        var run = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            // Letters and digits below the CJK blocks (U+2E80) form words; CJK characters stand alone, as do marks.
            bool inRun = Rune.IsLetterOrDigit(rune) && rune.Value < 0x2E80;
            if (inRun) { run.Append(rune.ToString()); continue; }
            if (run.Length > 0) { words.Add(run.ToString()); run.Clear(); }
            if (!Rune.IsWhiteSpace(rune)) words.Add(rune.ToString());
        }
        if (run.Length > 0) words.Add(run.ToString());
        return string.Join(' ', words);
    }

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new MetricResult(Name, Score(prediction.Text, benchmarkCase.GoldAnswers)));
}

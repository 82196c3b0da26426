using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// LongBench's classification_score (trec, lsht), re-implemented from its metrics.py. The labels of
/// <see cref="BenchmarkCase.Classes"/> that occur in the prediction (case-sensitive substring) are collected in label
/// order; matches that are a proper substring of the gold label are dropped ("Location" when the gold is "Other
/// location"); the score is 1 / (matches left) when the gold label is among them, else 0. LongBench drops those
/// matches while iterating the same Python list, which skips the element after each removal; that is reproduced so
/// scores agree with LongBench's. (Its difflib fallback for "no match" is unreachable: it tests <c>list != 0</c>, always
/// true, so no match scores 0.) The maximum is taken over gold answers.
/// </summary>
public sealed class ClassificationScore : IMetric
{
    public const string MetricName = "classification-score";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public static double Score(string prediction, IEnumerable<string> goldAnswers, IReadOnlyList<string> classes) =>
        goldAnswers.Select(gold => ScoreOne(prediction, gold, classes)).DefaultIfEmpty(0).Max();

    public static double ScoreOne(string prediction, string gold, IReadOnlyList<string> classes)
    {
        var matches = classes.Where(label => prediction.Contains(label, StringComparison.Ordinal)).ToList();
        // Python's for-loop over a list it removes from: the cursor advances past the element that slid into place.
        for (int cursor = 0; cursor < matches.Count; cursor++)
        {
            var label = matches[cursor];
            if (label != gold && gold.Contains(label, StringComparison.Ordinal)) matches.Remove(label);
        }
        return matches.Contains(gold) ? 1.0 / matches.Count : 0;
    }

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new MetricResult(Name, Score(prediction.Text, benchmarkCase.GoldAnswers, benchmarkCase.Classes)));
}

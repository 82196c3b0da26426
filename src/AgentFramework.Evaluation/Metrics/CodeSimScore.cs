using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// LongBench's code_sim_score (lcc, repobench-p): the gold is the next line of code. Leading newlines of the prediction
/// are dropped, it is split on '\n', and the first line that contains none of '`', '#', "//" anywhere (markdown fences
/// and comments, as LongBench tests — containment, not just a prefix) is compared with the gold by fuzzywuzzy's
/// fuzz.ratio (<see cref="LevenshteinRatio.FuzzRatio"/>), divided by 100. With no such line the empty string is compared.
/// Maximum over gold answers.
/// </summary>
public sealed class CodeSimScore : IMetric
{
    public const string MetricName = "code-sim-score";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public static double Score(string prediction, IEnumerable<string> goldAnswers)
    {
        var line = FirstCodeLine(prediction);
        return goldAnswers.Select(gold => LevenshteinRatio.FuzzRatio(line, gold) / 100.0).DefaultIfEmpty(0).Max();
    }

    public static string FirstCodeLine(string prediction) =>
        prediction.TrimStart('\n').Split('\n')
            .FirstOrDefault(line => !line.Contains('`') && !line.Contains('#') && !line.Contains("//", StringComparison.Ordinal)) ?? "";

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new MetricResult(Name, Score(prediction.Text, benchmarkCase.GoldAnswers)));
}

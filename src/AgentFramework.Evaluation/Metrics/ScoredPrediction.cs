using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>The prediction as a case's metrics see it, after the case's <see cref="BenchmarkCase.ScoringTrim"/>.</summary>
public static class ScoredPrediction
{
    public static Prediction For(BenchmarkCase benchmarkCase, Prediction prediction) => benchmarkCase.ScoringTrim switch
    {
        PredictionTrim.FirstLine => prediction with { Text = FirstLine(prediction.Text) },
        _ => prediction,
    };

    /// <summary>Python's <c>text.lstrip('\n').split('\n')[0]</c>: only '\n' is stripped, other whitespace stays.</summary>
    public static string FirstLine(string text)
    {
        var rest = text.TrimStart('\n');
        int newline = rest.IndexOf('\n');
        return newline < 0 ? rest : rest[..newline];
    }
}

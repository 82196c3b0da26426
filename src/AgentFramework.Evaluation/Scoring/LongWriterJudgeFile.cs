using System.Text.Json;
using AgentFramework.Errors;
using AgentFramework.Evaluation.Judging;
using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Evaluation.Scoring;

/// <summary>
/// S_q from the judge's scores in eval_quality.py's judge.jsonl (THUDM/LongWriter @ ca6ccd4): for each dimension
/// 25·(mean of float(score) − 1), a dimension missing from a line counted as 3; S_q is the mean of the six.
/// </summary>
public static class LongWriterJudgeFile
{
    public static double Quality(IReadOnlyList<JsonElement> judged, string file)
    {
        var perDimension = LongWriterQualityJudge.Dimensions.Select(dimension =>
        {
            var values = judged.Select(scores => scores.TryGetProperty(dimension, out var v) ? Float(v, dimension, file) : 3.0).ToList();
            return (values.Average() - 1) * 25;
        }).ToList();
        return perDimension.Average();
    }

    private static double Float(JsonElement value, string dimension, string file) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        JsonValueKind.String when PythonFloat.Parse(value.GetString()!) is { } parsed => parsed,
        _ => throw new UserInputException(file, $"{file}: the judge's \"{dimension}\" score {value.GetRawText()} is not a number (eval_quality.py's float() raises here)"),
    };
}

using System.Numerics;
using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>Where LongBench's own scorer raises (e.g. a passage_retrieval gold without "Paragraph N").</summary>
public sealed class OfficialScorerException(string message) : Exception(message);

/// <summary>
/// LongBench v1's eval.py, ported from THUDM/LongBench @ 2e00731 LongBench/eval.py: <c>scorer</c> / <c>scorer_e</c>
/// per sample (first-line cut for trec/triviaqa/samsum/lsht, then the task's dataset2metric function, maximum over
/// the answers starting from 0) and the task score <c>round(100 · mean, 2)</c> with Python's round.
/// </summary>
public static class LongBenchScorer
{
    /// <summary>One prediction's score in [0, 1]; throws <see cref="OfficialScorerException"/> where eval.py raises.</summary>
    public static double ScoreSample(string task, string prediction, IReadOnlyList<string> answers, IReadOnlyList<string> allClasses,
        FuzzRatioBackend codeBackend = FuzzRatioBackend.Levenshtein)
    {
        if (LongBenchTasks.TrimFor(task) == PredictionTrim.FirstLine) prediction = ScoredPrediction.FirstLine(prediction);
        double score = 0;
        foreach (var answer in answers)
            score = Math.Max(score, Metric(task, prediction, answer, allClasses, codeBackend));
        return score;
    }

    private static double Metric(string task, string prediction, string answer, IReadOnlyList<string> allClasses, FuzzRatioBackend codeBackend) =>
        LongBenchTasks.MetricFor(task) switch
        {
            TokenF1.MetricName => TokenF1.F1(AnswerNormalizer.Tokens(prediction), AnswerNormalizer.Tokens(answer)),
            TokenF1.ChineseMetricName => TokenF1.F1(AnswerNormalizer.ChineseTokens(prediction), AnswerNormalizer.ChineseTokens(answer)),
            RougeL.MetricName => RougeL.FMeasure(prediction, answer),
            RougeLChinese.MetricName => RougeL.FMeasure(RougeLChinese.Segment(prediction), RougeLChinese.Segment(answer)),
            ClassificationScore.MetricName => ClassificationScore.ScoreOne(prediction, answer, allClasses),
            CountScore.MetricName => NumberTokens.FractionEqualTo(prediction, answer),
            RetrievalScore.MetricName => RetrievalScore.ScoreOne(prediction, answer, false, out _)
                ?? throw new OfficialScorerException($"IndexError: gold '{answer}' has no 'Paragraph N'"),
            RetrievalScore.ChineseMetricName => RetrievalScore.ScoreOne(prediction, answer, true, out _)
                ?? throw new OfficialScorerException($"IndexError: gold '{answer}' has no '段落N'"),
            CodeSimScore.MetricName => CodeSimScore.Score(prediction, [answer], codeBackend),
            _ => throw new OfficialScorerException($"'{task}' is not a LongBench task (eval.py's dataset2metric has no entry)"),
        };

    /// <summary>eval.py's task score: <c>round(100 * total / n, 2)</c>.</summary>
    public static double TaskScore(IReadOnlyCollection<double> sampleScores) =>
        sampleScores.Count == 0 ? double.NaN : PythonRound(100 * sampleScores.Sum() / sampleScores.Count, 2);

    /// <summary>
    /// Python's <c>round(x, digits)</c>: rounds the exact binary value of x to the nearest multiple of 10^-digits, ties
    /// to even, and returns the closest double to that decimal.
    /// </summary>
    public static double PythonRound(double value, int digits)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return value;
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++; else mantissa |= 1L << 52;
        exponent -= 1075;
        // |value| = mantissa · 2^exponent; scaled = |value| · 10^digits as numerator / denominator.
        BigInteger numerator = new BigInteger(mantissa) * BigInteger.Pow(10, digits);
        BigInteger denominator = BigInteger.One;
        if (exponent >= 0) numerator <<= exponent; else denominator <<= -exponent;
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven)) quotient += 1;
        var text = $"{(negative ? "-" : "")}{quotient}e-{digits}";
        return double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
    }
}

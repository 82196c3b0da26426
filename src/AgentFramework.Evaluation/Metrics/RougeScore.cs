using System.Text;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// Google's <c>rouge_score</c> (google-research/rouge, rouge_scorer.py + tokenize.py) as L-Eval calls it
/// (OpenLMLab/LEval @ cd34b05 Evaluation/rouge.py: <c>RougeScorer(['rouge1','rouge2','rougeL'], use_stemmer=False)</c>,
/// F-measures): tokens are Python's <c>lower()</c> of the text with every run of characters outside [a-z0-9] replaced
/// by a space, split on whitespace; ROUGE-N counts n-gram overlap with multiplicity (precision over max(count, 1)),
/// ROUGE-L is the token LCS; F = 2PR / (P + R), 0 when P + R = 0. This is not LongBench's ROUGE (<see cref="RougeL"/>).
/// </summary>
public static class RougeScore
{
    public sealed record Scores(double Rouge1, double Rouge2, double RougeL);

    public static Scores Score(string prediction, string target)
    {
        var predictionTokens = Tokenize(prediction);
        var targetTokens = Tokenize(target);
        return new Scores(NGramF(targetTokens, predictionTokens, 1), NGramF(targetTokens, predictionTokens, 2), LcsF(targetTokens, predictionTokens));
    }

    /// <summary>tokenize.tokenize without a stemmer: lower(), [^a-z0-9]+ → " ", split, keep ^[a-z0-9]+$ tokens.</summary>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in PythonText.Lower(text))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') current.Append(c);
            else if (current.Length > 0) { tokens.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }

    private static double NGramF(List<string> target, List<string> prediction, int n)
    {
        var targetGrams = NGrams(target, n);
        var predictionGrams = NGrams(prediction, n);
        int overlap = 0;
        foreach (var (gram, count) in targetGrams)
            if (predictionGrams.TryGetValue(gram, out var other)) overlap += Math.Min(count, other);
        int targetCount = targetGrams.Values.Sum(), predictionCount = predictionGrams.Values.Sum();
        double precision = overlap / (double)Math.Max(predictionCount, 1);
        double recall = overlap / (double)Math.Max(targetCount, 1);
        return FMeasure(precision, recall);
    }

    private static Dictionary<string, int> NGrams(List<string> tokens, int n)
    {
        var grams = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i + n <= tokens.Count; i++)
        {
            // Tokens are [a-z0-9]+, so a space joins them unambiguously.
            var gram = n switch { 1 => tokens[i], 2 => tokens[i] + " " + tokens[i + 1], _ => string.Join(' ', tokens.GetRange(i, n)) };
            grams[gram] = grams.GetValueOrDefault(gram) + 1;
        }
        return grams;
    }

    private static double LcsF(List<string> target, List<string> prediction)
    {
        if (target.Count == 0 || prediction.Count == 0) return 0;
        var previous = new int[prediction.Count + 1];
        var current = new int[prediction.Count + 1];
        foreach (var token in target)
        {
            for (int j = 1; j <= prediction.Count; j++)
                current[j] = token == prediction[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            (previous, current) = (current, previous);
        }
        int lcs = previous[prediction.Count];
        return FMeasure(lcs / (double)prediction.Count, lcs / (double)target.Count);
    }

    private static double FMeasure(double precision, double recall) =>
        precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
}

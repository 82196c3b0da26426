using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// ROUGE-L F as LongBench computes it (THUDM/LongBench @ 2e00731 metrics.py rouge_score calls the <c>rouge</c> PyPI
/// package @ c1b90a7, summary-level ROUGE-L with exclusive n-grams), ported from that package's rouge.py/rouge_score.py:
/// <list type="bullet">
/// <item>texts are split into sentences on '.', parts of length 0 dropped, whitespace runs collapsed to one space,
/// words are the space-separated pieces (case-sensitive, no normalisation);</item>
/// <item>for each reference sentence, the words of one LCS with each candidate sentence are unioned (as a set), and
/// only words not already counted for an earlier reference sentence add to the hit count;</item>
/// <item>recall = hits / distinct reference words, precision = hits / distinct candidate words,
/// F = 2PR / (P + R + 1e-8);</item>
/// <item>an empty candidate or reference scores 0 (the package raises ValueError; LongBench catches it and returns 0);</item>
/// <item>the package rebuilds each LCS recursively, so a sentence pair whose traceback passes Python's default
/// recursion limit raises RecursionError and LongBench returns 0 too; the official scores keep those zeros, and so do
/// we (<see cref="CallerFrames"/>).</item>
/// </list>
/// The maximum is taken over gold answers.
/// </summary>
public sealed class RougeL : IMetric
{
    public const string MetricName = "rouge-l";
    public string Name => MetricName;
    public bool JudgeScored => false;

    public static double Score(string prediction, IEnumerable<string> goldAnswers) =>
        goldAnswers.Select(gold => FMeasure(prediction, gold)).DefaultIfEmpty(0).Max();

    /// <summary>
    /// Depth of the rouge package's recursive LCS reconstruction (<c>_recon</c>, one frame per step of the traceback)
    /// beyond which Python's default recursion limit (1000 frames, including the callers' frames) raises RecursionError
    /// and LongBench's <c>except:</c> returns 0. The official scores keep those zeros, so we reproduce them.
    /// </summary>
    private const int RecursionLimitFrames = 1000;

    /// <summary>Python frames below the first <c>_recon</c> call when LongBench's eval.py scores (eval → scorer → rouge_score → get_scores → … → _recon_lcs).</summary>
    internal static int CallerFrames { get; set; } = 9;

    public static double FMeasure(string candidate, string reference) => FMeasureWithReason(candidate, reference).Score;

    /// <summary>The F-measure and, when LongBench's call raises (and so scores 0), why: "ValueError" or "RecursionError".</summary>
    public static (double Score, string? Exception) FMeasureWithReason(string candidate, string reference)
    {
        var candidateSentences = Sentences(candidate);
        var referenceSentences = Sentences(reference);
        if (candidateSentences.Count == 0 || referenceSentences.Count == 0) return (0, "ValueError");

        int distinctReference = referenceSentences.SelectMany(s => s).Distinct(StringComparer.Ordinal).Count();
        int distinctCandidate = candidateSentences.SelectMany(s => s).Distinct(StringComparer.Ordinal).Count();

        // Words as ids: the LCS tables compare ints.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] Ids(string[] words) => [.. words.Select(w => ids.TryGetValue(w, out var id) ? id : ids[w] = ids.Count)];
        var referenceIds = referenceSentences.Select(Ids).ToList();
        var candidateIds = candidateSentences.Select(Ids).ToList();

        var counted = new HashSet<int>();
        int hits = 0;
        foreach (var referenceWords in referenceIds)
        {
            var sentenceUnion = new HashSet<int>();
            foreach (var candidateWords in candidateIds)
            {
                // The traceback takes at least min(len) steps: skip the table when that alone passes the limit.
                if (CallerFrames + 1 + Math.Min(referenceWords.Length, candidateWords.Length) > RecursionLimitFrames) return (0, "RecursionError");
                var (lcs, depth) = LongestCommonSubsequenceWithDepth(referenceWords, candidateWords);
                if (CallerFrames + depth > RecursionLimitFrames) return (0, "RecursionError");
                sentenceUnion.UnionWith(lcs);
            }
            foreach (var word in sentenceUnion)
                if (counted.Add(word)) hits++;
        }
        double recall = (double)hits / distinctReference;
        double precision = (double)hits / distinctCandidate;
        return (2.0 * (precision * recall / (precision + recall + 1e-8)), null);
    }

    /// <summary>Sentences as word lists, split like the rouge package (see the class summary).</summary>
    public static List<string[]> Sentences(string text)
    {
        var sentences = new List<string[]>();
        foreach (var part in text.Split('.'))
        {
            if (part.Length == 0) continue;
            // " ".join(part.split()).split(" "): an all-whitespace part yields one empty word, as in the package.
            sentences.Add(string.Join(' ', AnswerNormalizer.SplitWhitespace(part)).Split(' '));
        }
        return sentences;
    }

    /// <summary>One longest common subsequence of x and y, reconstructed from the DP table (ties move along y first).</summary>
    public static List<string> LongestCommonSubsequence(IReadOnlyList<string> x, IReadOnlyList<string> y)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] Ids(IReadOnlyList<string> words) => [.. words.Select(w => ids.TryGetValue(w, out var id) ? id : ids[w] = ids.Count)];
        var xs = Ids(x);
        var (lcs, _) = LongestCommonSubsequenceWithDepth(xs, Ids(y));
        var words = ids.ToDictionary(kv => kv.Value, kv => kv.Key);
        return [.. lcs.Select(id => words[id])];
    }

    /// <summary>
    /// The LCS (as ids) and the number of recursive <c>_recon</c> calls the rouge package makes to rebuild it: one per
    /// traceback step plus the final call at the table's edge.
    /// </summary>
    private static (List<int> Lcs, int Depth) LongestCommonSubsequenceWithDepth(int[] x, int[] y)
    {
        int depth = 1, width = y.Length + 1;
        var table = new int[(x.Length + 1) * width];
        for (int i = 1; i <= x.Length; i++)
            for (int j = 1; j <= y.Length; j++)
                table[i * width + j] = x[i - 1] == y[j - 1]
                    ? table[(i - 1) * width + j - 1] + 1
                    : Math.Max(table[(i - 1) * width + j], table[i * width + j - 1]);
        var result = new List<int>();
        for (int i = x.Length, j = y.Length; i > 0 && j > 0;)
        {
            depth++;
            if (x[i - 1] == y[j - 1]) { result.Add(x[i - 1]); i--; j--; }
            else if (table[(i - 1) * width + j] > table[i * width + j - 1]) i--;
            else j--;
        }
        result.Reverse();
        return (result, depth);
    }

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new MetricResult(Name, Score(prediction.Text, benchmarkCase.GoldAnswers)));
}

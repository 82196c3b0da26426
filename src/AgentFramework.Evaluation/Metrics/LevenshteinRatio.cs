namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// String similarity as fuzzywuzzy's <c>fuzz.ratio</c> computes it when python-Levenshtein is installed (the setup
/// LongBench's requirements give): <c>Levenshtein.ratio</c> = (len1 + len2 − d) / (len1 + len2), where d is the edit
/// distance with insertions and deletions costing 1 and a substitution costing 2 — equivalently 2·LCS / (len1 + len2).
/// fuzz.ratio then returns round(100 · ratio) as an integer (Python's round: half to even), 100 for equal strings
/// (even two empty ones) and 0 when exactly one is empty. Lengths are in Unicode code points, as Python counts them.
/// (Without python-Levenshtein, fuzzywuzzy falls back to difflib's SequenceMatcher, which can differ; we follow the
/// Levenshtein variant.)
/// </summary>
internal static class LevenshteinRatio
{
    /// <summary>fuzz.ratio: an integer percentage in [0, 100].</summary>
    public static int FuzzRatio(string first, string second)
    {
        if (first == second) return 100;
        if (first.Length == 0 || second.Length == 0) return 0;
        return (int)Math.Round(100 * Ratio(first, second), MidpointRounding.ToEven);
    }

    /// <summary>Levenshtein.ratio in [0, 1]; 1 for two empty strings.</summary>
    public static double Ratio(string first, string second)
    {
        var a = CodePoints(first);
        var b = CodePoints(second);
        int lengthSum = a.Length + b.Length;
        if (lengthSum == 0) return 1;
        int distance = lengthSum - 2 * LongestCommonSubsequence(a, b);
        return (double)(lengthSum - distance) / lengthSum;
    }

    /// <summary>
    /// With substitution costing as much as a deletion plus an insertion, the edit distance is len1 + len2 − 2·LCS, so the
    /// LCS length (two rolling rows) gives it exactly.
    /// </summary>
    private static int LongestCommonSubsequence(int[] a, int[] b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        foreach (var x in a)
        {
            for (int j = 1; j <= b.Length; j++)
                current[j] = x == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    private static int[] CodePoints(string text) => text.EnumerateRunes().Select(r => r.Value).ToArray();
}

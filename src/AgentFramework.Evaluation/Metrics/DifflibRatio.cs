namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// Python's <c>difflib.SequenceMatcher(None, a, b).ratio()</c> (CPython Lib/difflib.py, with its default autojunk: for
/// b of 200+ elements, elements occurring more than len(b)/100 + 1 times are left out of the match index, then matches
/// are extended over them), over code points. fuzzywuzzy's <c>fuzz.ratio</c> falls back to it when
/// python-Levenshtein is not installed, so a plain <c>pip install fuzzywuzzy</c> scores LongBench's code tasks with it.
/// </summary>
internal static class DifflibRatio
{
    /// <summary>fuzzywuzzy fuzz.ratio on the difflib fallback: 100 for equal strings, 0 when one is empty, else round(100 · ratio).</summary>
    public static int FuzzRatio(string first, string second)
    {
        if (first == second) return 100;
        if (first.Length == 0 || second.Length == 0) return 0;
        return (int)Math.Round(100 * Ratio(first, second), MidpointRounding.ToEven);
    }

    public static double Ratio(string first, string second)
    {
        var a = first.EnumerateRunes().Select(r => r.Value).ToArray();
        var b = second.EnumerateRunes().Select(r => r.Value).ToArray();
        int total = a.Length + b.Length;
        return total == 0 ? 1 : 2.0 * MatchingCharacters(a, b) / total;
    }

    private static int MatchingCharacters(int[] a, int[] b)
    {
        var b2j = new Dictionary<int, List<int>>();
        for (int j = 0; j < b.Length; j++)
        {
            if (!b2j.TryGetValue(b[j], out var indices)) b2j[b[j]] = indices = [];
            indices.Add(j);
        }
        if (b.Length >= 200)
        {
            int popularAbove = b.Length / 100 + 1;
            foreach (var element in b2j.Where(kv => kv.Value.Count > popularAbove).Select(kv => kv.Key).ToList()) b2j.Remove(element);
        }

        int matched = 0;
        var queue = new Stack<(int ALo, int AHi, int BLo, int BHi)>();
        queue.Push((0, a.Length, 0, b.Length));
        while (queue.Count > 0)
        {
            var (alo, ahi, blo, bhi) = queue.Pop();
            var (i, j, k) = LongestMatch(a, b, b2j, alo, ahi, blo, bhi);
            if (k == 0) continue;
            matched += k;
            if (alo < i && blo < j) queue.Push((alo, i, blo, j));
            if (i + k < ahi && j + k < bhi) queue.Push((i + k, ahi, j + k, bhi));
        }
        return matched;
    }

    // SequenceMatcher.find_longest_match with no junk function: the earliest longest block via b2j, then extended over
    // equal elements left out as popular.
    private static (int I, int J, int K) LongestMatch(int[] a, int[] b, Dictionary<int, List<int>> b2j, int alo, int ahi, int blo, int bhi)
    {
        int besti = alo, bestj = blo, bestsize = 0;
        var j2len = new Dictionary<int, int>();
        for (int i = alo; i < ahi; i++)
        {
            var next = new Dictionary<int, int>();
            if (b2j.TryGetValue(a[i], out var indices))
            {
                foreach (var j in indices)
                {
                    if (j < blo) continue;
                    if (j >= bhi) break;
                    int k = next[j] = j2len.GetValueOrDefault(j - 1) + 1;
                    if (k > bestsize) (besti, bestj, bestsize) = (i - k + 1, j - k + 1, k);
                }
            }
            j2len = next;
        }
        while (besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1]) (besti, bestj, bestsize) = (besti - 1, bestj - 1, bestsize + 1);
        while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] == b[bestj + bestsize]) bestsize++;
        return (besti, bestj, bestsize);
    }
}

namespace AgentFramework.Retrieval;

/// <summary>
/// Reciprocal rank fusion (Cormack et al. 2009): score(d) = Σ over lists of 1 / (k + rank(d)), ranks from 1.
/// It needs no score calibration between BM25 and cosine, which live on unrelated scales.
/// </summary>
internal static class ReciprocalRankFusion
{
    public const int DefaultK = 60;

    /// <summary>Fuses ranked lists of keys (best first); ties keep the order of first appearance.</summary>
    public static IReadOnlyList<(TKey Key, double Score)> Fuse<TKey>(IEnumerable<IReadOnlyList<TKey>> rankings, int k = DefaultK)
        where TKey : notnull
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var scores = new Dictionary<TKey, double>();
        var firstSeen = new Dictionary<TKey, int>();
        foreach (var ranking in rankings)
        {
            for (int rank = 0; rank < ranking.Count; rank++)
            {
                var key = ranking[rank];
                scores[key] = scores.GetValueOrDefault(key) + 1.0 / (k + rank + 1);
                firstSeen.TryAdd(key, firstSeen.Count);
            }
        }
        return scores
            .OrderByDescending(p => p.Value)
            .ThenBy(p => firstSeen[p.Key])
            .Select(p => (p.Key, p.Value))
            .ToList();
    }
}

namespace AgentFramework.Agents.Extractive;

/// <summary>Okapi BM25 (k1 = 1.2, b = 0.75) over small in-memory passages such as the sentences of a document.</summary>
public sealed class Bm25
{
    private readonly List<Dictionary<string, int>> _termFrequencies = [];
    private readonly Dictionary<string, int> _documentFrequencies = new(StringComparer.Ordinal);
    private readonly List<int> _lengths = [];
    private const double K1 = 1.2, B = 0.75;

    public Bm25(IEnumerable<IEnumerable<string>> passages)
    {
        foreach (var terms in passages)
        {
            var tf = new Dictionary<string, int>(StringComparer.Ordinal);
            int length = 0;
            foreach (var t in terms) { tf[t] = tf.GetValueOrDefault(t) + 1; length++; }
            foreach (var t in tf.Keys) _documentFrequencies[t] = _documentFrequencies.GetValueOrDefault(t) + 1;
            _termFrequencies.Add(tf);
            _lengths.Add(length);
        }
    }

    public int Count => _termFrequencies.Count;

    /// <summary>The BM25 score of every passage for the query terms (0 where none occurs).</summary>
    public double[] Score(IEnumerable<string> queryTerms)
    {
        var scores = new double[Count];
        if (Count == 0) return scores;
        double averageLength = Math.Max(1, _lengths.Average());
        foreach (var term in queryTerms.Distinct(StringComparer.Ordinal))
        {
            if (!_documentFrequencies.TryGetValue(term, out int df)) continue;
            double idf = Math.Log(1 + (Count - df + 0.5) / (df + 0.5));
            for (int i = 0; i < Count; i++)
            {
                if (!_termFrequencies[i].TryGetValue(term, out int tf)) continue;
                scores[i] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * _lengths[i] / averageLength));
            }
        }
        return scores;
    }
}

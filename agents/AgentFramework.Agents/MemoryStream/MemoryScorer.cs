using System.Numerics.Tensors;
using AgentFramework.Retrieval.Memory;

namespace AgentFramework.Agents.MemoryStream;

/// <summary>An entry with its normalised score components (each in [0, 1]) and the weighted total.</summary>
public sealed record ScoredMemory(MemoryEntry Entry, double Relevance, double Importance, double Recency, double Score);

/// <summary>
/// Generative Agents' retrieval score: <c>w_rel·relevance + w_imp·importance + w_rec·recency</c>, each component
/// min-max normalised over the candidates. Relevance is cosine similarity to the focus (current chunk or question);
/// recency is <c>decay^(steps since last used)</c>, so the most recently used entry scores highest (the reference code
/// assigns decay powers over an oldest-first list, which inverts this; we follow the paper's description).
/// </summary>
public static class MemoryScorer
{
    public static IReadOnlyList<ScoredMemory> Rank(IReadOnlyList<MemoryEntry> candidates, ReadOnlySpan<float> focus, int currentStep, MemoryStreamOptions options)
    {
        if (candidates.Count == 0) return [];
        var relevance = new double[candidates.Count];
        var importance = new double[candidates.Count];
        var recency = new double[candidates.Count];
        for (int i = 0; i < candidates.Count; i++)
        {
            var entry = candidates[i];
            relevance[i] = Cosine(entry.Embedding, focus);
            importance[i] = entry.Importance;
            recency[i] = Math.Pow(options.RecencyDecay, Math.Max(0, currentStep - entry.LastUsedStep));
        }
        MinMaxNormalise(relevance);
        MinMaxNormalise(importance);
        MinMaxNormalise(recency);
        var scored = new ScoredMemory[candidates.Count];
        for (int i = 0; i < scored.Length; i++)
        {
            double score = options.RelevanceWeight * relevance[i] + options.ImportanceWeight * importance[i] + options.RecencyWeight * recency[i];
            scored[i] = new ScoredMemory(candidates[i], relevance[i], importance[i], recency[i], score);
        }
        // Ties go to the more recently used, then the newer entry: deterministic order for identical scores.
        return scored
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => s.Entry.LastUsedStep)
            .ThenByDescending(s => s.Entry.CreatedStep)
            .ThenBy(s => s.Entry.Id, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Scales values to [0, 1]; when they are all equal (no information) every value becomes 0.5.</summary>
    public static void MinMaxNormalise(double[] values)
    {
        if (values.Length == 0) return;
        double min = values.Min(), max = values.Max(), range = max - min;
        for (int i = 0; i < values.Length; i++)
            values[i] = range < 1e-12 ? 0.5 : (values[i] - min) / range;
    }

    /// <summary>Cosine similarity; 0 for empty, zero-length or mismatched vectors.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length == 0 || a.Length != b.Length) return 0;
        float similarity = TensorPrimitives.CosineSimilarity(a, b);
        return float.IsFinite(similarity) ? similarity : 0;
    }
}

using System.Numerics.Tensors;
using AgentFramework.Retrieval.Embeddings;

namespace AgentFramework.Agents.Extractive;

/// <summary>
/// TextRank (Mihalcea and Tarau 2004) over sentence embeddings: PageRank on the graph whose edge weights are pairwise
/// similarities. The similarity matrix is never built: with unit-length embeddings E it is <c>E·Eᵀ</c> minus the diagonal,
/// so each iteration costs two products with E instead of n². Non-negative embeddings use cosine; embeddings with
/// negative entries use (1 + cosine)/2 so weights stay non-negative. Sparse embeddings (the hashing embedding) take
/// the products over their non-zero entries only, in double precision; dense ones (a neural embedding) vectorised.
/// </summary>
public static class TextRank
{
    /// <summary>Above this share of non-zero entries the dense products are cheaper than the sparse ones.</summary>
    internal const double MaxSparseDensity = 0.25;

    public static double[] Score(IReadOnlyList<float[]> embeddings, double damping = 0.85, int iterations = 40) =>
        Score(embeddings.Select(e => (ReadOnlyMemory<float>)e).ToArray(), damping, iterations);

    public static double[] Score(IReadOnlyList<ReadOnlyMemory<float>> embeddings, double damping = 0.85, int iterations = 40) =>
        Score(embeddings, damping, iterations, MaxSparseDensity);

    /// <param name="maxSparseDensity">Tests force either form of the products with 0 (dense) or 1 (sparse).</param>
    internal static double[] Score(IReadOnlyList<ReadOnlyMemory<float>> embeddings, double damping, int iterations, double maxSparseDensity)
    {
        int n = embeddings.Count;
        if (n == 0) return [];
        if (n == 1) return [1.0];
        var sparse = SparseRows.TryCreate(embeddings, maxSparseDensity);
        return Rank(n, sparse is null ? DenseSimilarity(embeddings) : SparseSimilarity(sparse), damping, iterations);
    }

    /// <summary>TextRank over embeddings given as their non-zero entries (the hashing embedding's sparse form).</summary>
    public static double[] Score(IReadOnlyList<SparseEmbedding> embeddings, double damping = 0.85, int iterations = 40)
    {
        int n = embeddings.Count;
        if (n == 0) return [];
        if (n == 1) return [1.0];
        return Rank(n, SparseSimilarity(SparseRows.FromSparse(embeddings)), damping, iterations);
    }

    // Power iteration of PageRank with the similarity products given by multiply.
    private static double[] Rank(int n, Func<double[], double[]> multiply, double damping, int iterations)
    {
        var ones = new double[n];
        var rank = new double[n];
        for (int i = 0; i < n; i++) (ones[i], rank[i]) = (1.0, 1.0 / n);
        var degree = multiply(ones);
        var share = new double[n];
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            for (int j = 0; j < n; j++) share[j] = degree[j] > 1e-12 ? rank[j] / degree[j] : 0;
            var incoming = multiply(share);
            double delta = 0;
            for (int i = 0; i < n; i++)
            {
                double next = (1 - damping) / n + damping * Math.Max(0, incoming[i]);
                delta += Math.Abs(next - rank[i]);
                rank[i] = next;
            }
            if (delta < 1e-9) break;
        }
        return rank;
    }

    // S·x where S = E·Eᵀ (or (E·Eᵀ + 1·1ᵀ)/2) with a zero diagonal.
    private static Func<double[], double[]> DenseSimilarity(IReadOnlyList<ReadOnlyMemory<float>> embeddings)
    {
        int n = embeddings.Count, d = embeddings[0].Length;
        if (embeddings.Any(e => e.Length != d)) throw new ArgumentException("embeddings differ in length", nameof(embeddings));
        bool shifted = embeddings.Any(e => TensorPrimitives.Min<float>(e.Span) < 0);
        var selfWeight = embeddings.Select(e => { double s = TensorPrimitives.SumOfSquares<float>(e.Span); return shifted ? (s + 1) / 2 : s; }).ToArray();
        return x =>
        {
            var projection = new float[d];
            for (int i = 0; i < n; i++) if (x[i] != 0) TensorPrimitives.MultiplyAdd(embeddings[i].Span, (float)x[i], projection, projection);
            double sum = shifted ? x.Sum() : 0;
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                double dot = TensorPrimitives.Dot(embeddings[i].Span, projection);
                y[i] = (shifted ? (dot + sum) / 2 : dot) - selfWeight[i] * x[i];
            }
            return y;
        };
    }

    private static Func<double[], double[]> SparseSimilarity(SparseRows rows)
    {
        int n = rows.Rows;
        bool shifted = rows.AnyNegative;
        var selfWeight = new double[n];
        for (int i = 0; i < n; i++) { double s = rows.SquaredNorm(i); selfWeight[i] = shifted ? (s + 1) / 2 : s; }
        var projection = new double[rows.Columns];
        return x =>
        {
            rows.TransposeMultiply(x, projection);
            double sum = 0;
            if (shifted) foreach (double v in x) sum += v;
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                double dot = rows.Dot(i, projection);
                y[i] = (shifted ? (dot + sum) / 2 : dot) - selfWeight[i] * x[i];
            }
            return y;
        };
    }
}

using System.Numerics.Tensors;

namespace AgentFramework.Agents.Extractive;

/// <summary>
/// TextRank (Mihalcea and Tarau 2004) over sentence embeddings: PageRank on the graph whose edge weights are pairwise
/// similarities. The similarity matrix is never built: with unit-length embeddings E it is <c>E·Eᵀ</c> minus the diagonal,
/// so each iteration costs two n×d products instead of n². Non-negative embeddings use cosine; embeddings with negative
/// entries use (1 + cosine)/2 so weights stay non-negative.
/// </summary>
public static class TextRank
{
    public static double[] Score(IReadOnlyList<float[]> embeddings, double damping = 0.85, int iterations = 40)
    {
        int n = embeddings.Count;
        if (n == 0) return [];
        if (n == 1) return [1.0];
        int d = embeddings[0].Length;
        bool shifted = embeddings.Any(e => TensorPrimitives.Min<float>(e) < 0);
        var selfWeight = embeddings.Select(e => { double s = TensorPrimitives.SumOfSquares<float>(e); return shifted ? (s + 1) / 2 : s; }).ToArray();

        // S·x where S = E·Eᵀ (or (E·Eᵀ + 1·1ᵀ)/2) with a zero diagonal.
        double[] Multiply(double[] x)
        {
            var projection = new float[d];
            for (int i = 0; i < n; i++) if (x[i] != 0) TensorPrimitives.MultiplyAdd(embeddings[i], (float)x[i], projection, projection);
            double sum = shifted ? x.Sum() : 0;
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                double dot = TensorPrimitives.Dot(embeddings[i], projection);
                y[i] = (shifted ? (dot + sum) / 2 : dot) - selfWeight[i] * x[i];
            }
            return y;
        }

        var degree = Multiply(Enumerable.Repeat(1.0, n).ToArray());
        var rank = Enumerable.Repeat(1.0 / n, n).ToArray();
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            var share = new double[n];
            for (int j = 0; j < n; j++) share[j] = degree[j] > 1e-12 ? rank[j] / degree[j] : 0;
            var incoming = Multiply(share);
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
}

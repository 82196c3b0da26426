using System.Numerics.Tensors;
using AgentFramework.Retrieval;

namespace AgentFramework.Tests.Retrieval;

public class ExactVectorIndexTests
{
    [Fact]
    public void Returns_the_same_top_k_as_brute_force_cosine()
    {
        var random = new Random(7);
        const int d = 32, n = 2000;
        var rows = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, d).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()).ToArray();
        var index = new ExactVectorIndex(d, capacity: 10); // grows past the initial capacity
        for (int i = 0; i < n; i++) index.Add(1000 + i, rows[i], group: i % 3);
        var query = Enumerable.Range(0, d).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();

        var expected = rows.Select((r, i) => (Key: 1000L + i, Score: TensorPrimitives.CosineSimilarity(r, query)))
            .OrderByDescending(x => x.Score).Take(10).ToList();
        var actual = index.Search(query, 10);
        Assert.Equal(expected.Select(e => e.Key), actual.Select(a => a.Key));
        Assert.Equal(expected[0].Score, actual[0].Score, 4);

        var filtered = index.Search(query, 5, group: 1);
        Assert.All(filtered, h => Assert.Equal(1, (h.Key - 1000) % 3));
        Assert.Equal(expected.Where(e => (e.Key - 1000) % 3 == 1).Take(2).Select(e => e.Key), filtered.Take(2).Select(h => h.Key));
    }

    [Fact]
    public void Rejects_vectors_of_the_wrong_width()
    {
        var index = new ExactVectorIndex(4);
        Assert.Throws<ArgumentException>(() => index.Add(1, new float[3]));
        Assert.Empty(index.Search(new float[4], 3));
    }
}

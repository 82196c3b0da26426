using System.Text.RegularExpressions;
using AgentFramework.Agents.Extractive;
using AgentFramework.Agents.Text;

namespace AgentFramework.Tests.Agents;

/// <summary>
/// TextRank's sparse products (the hashing embedding's few non-zero dimensions) rank as the dense products do, and the
/// regex-free whitespace folding prints what <c>\s+</c> → " " printed (issue 15, start-up).
/// </summary>
public class TextRankSparseTests
{
    [Theory]
    [InlineData(false, 0.05)]
    [InlineData(true, 0.05)]
    [InlineData(true, 0.6)]
    public void Sparse_products_give_the_dense_ranks(bool signed, double density)
    {
        var random = new Random(11);
        var vectors = Enumerable.Range(0, 300).Select(_ =>
        {
            var v = Enumerable.Range(0, 64).Select(_ => random.NextDouble() < density ? (float)(signed ? random.NextDouble() * 2 - 1 : random.NextDouble()) : 0f).ToArray();
            var norm = MathF.Sqrt(v.Sum(x => x * x));
            return (ReadOnlyMemory<float>)(norm == 0 ? v : v.Select(x => x / norm).ToArray());
        }).ToArray();

        var dense = TextRank.Score(vectors, 0.85, 40, maxSparseDensity: 0);
        var sparse = TextRank.Score(vectors, 0.85, 40, maxSparseDensity: 1);

        for (int i = 0; i < vectors.Length; i++) Assert.Equal(dense[i], sparse[i], 1e-6 * dense[i]); // the dense products sum in single precision
        Assert.Equal(Order(dense), Order(sparse));
    }

    [Fact]
    public void Hashing_embeddings_in_sparse_form_rank_as_their_dense_vectors()
    {
        var random = new Random(21);
        var vocabulary = Enumerable.Range(0, 400).Select(i => $"w{i}").Concat(["the", "of", "and", "whale", "ship", "sea", "Ahab"]).ToArray();
        var sentences = Enumerable.Range(0, 500)
            .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(1, 30)).Select(_ => vocabulary[random.Next(vocabulary.Length)]))).ToArray();
        var generator = new AgentFramework.Retrieval.Embeddings.HashingEmbeddingGenerator();

        var dense = TextRank.Score(sentences.Select(s => (ReadOnlyMemory<float>)generator.Embed(s)).ToArray());
        var sparse = TextRank.Score(generator.EmbedSparse(sentences, TestContext.Current.CancellationToken));

        for (int i = 0; i < sentences.Length; i++) Assert.Equal(dense[i], sparse[i], 1e-6 * dense[i]);
        Assert.Equal(Order(dense), Order(sparse));
    }

    [Fact]
    public void Embeddings_denser_than_the_limit_take_the_dense_products()
    {
        var rows = new ReadOnlyMemory<float>[] { new float[] { 1, 1, 0, 0 }, new float[] { 0, 1, 1, 0 } };
        Assert.Null(SparseRows.TryCreate(rows, maxDensity: 0.25));
        var sparse = SparseRows.TryCreate(rows, maxDensity: 0.5);
        Assert.NotNull(sparse);
        Assert.Equal(2, sparse.Rows);
        Assert.Equal(2.0, sparse.SquaredNorm(0));
        Assert.Equal(1.0, sparse.Dot(1, [0, 1, 0, 0]));
    }

    [Fact]
    public void Whitespace_folding_equals_the_regex_replacement()
    {
        string[] cases =
        [
            "", " ", "plain", "one space only", "  leading", "trailing  ", "tab\there", "line\nbreak\r\nwindows",
            "no\u00A0break\u2028line\u2029para\u0085next\u000Bvt\u000Cff\u3000ideographic\u200Bzero-width",
            "mixed \t\n run", "\u2003em\u2002en\u2009thin",
        ];
        var random = new Random(3);
        char[] pool = ['a', 'b', ' ', ' ', '\t', '\n', '\r', '\u00A0', '\u2028', '\u0085', '\u200B', '.', '\u1680', '\u202F'];
        var generated = Enumerable.Range(0, 500).Select(_ => new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => pool[random.Next(pool.Length)]).ToArray()));

        foreach (var text in cases.Concat(generated))
            Assert.Equal(Regex.Replace(text, @"\s+", " "), Whitespace.Collapse(text));
    }

    [Fact]
    public void Word_count_splits_at_what_char_IsWhiteSpace_calls_white_space()
    {
        // Every UTF-16 code unit between two words and alone: the count the definition gives.
        for (int c = 0; c <= char.MaxValue; c++)
            foreach (var text in new[] { $"a{(char)c}b", ((char)c).ToString(), $" {(char)c} " })
                Assert.Equal(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length, TextTerms.CountWords(text));
    }

    [Fact]
    public void Rank_order_is_linqs_order_by_score_descending_then_position()
    {
        var random = new Random(9);
        foreach (int n in new[] { 0, 1, 2, 7, 64, 1000 })
        {
            // Few distinct values, so ties are common.
            var scores = Enumerable.Range(0, n).Select(_ => random.Next(5) == 0 ? double.NaN : Math.Round(random.NextDouble(), 1)).ToArray();
            Assert.Equal(Order(scores), RankOrder.ByScoreDescending(scores));
        }
    }

    private static int[] Order(double[] scores) => Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
}

using System.Numerics.Tensors;
using AgentFramework.Retrieval.Embeddings;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.Retrieval;

public class HashingEmbeddingGeneratorTests
{
    [Fact]
    public async Task Same_text_gives_the_same_vector_from_separate_instances()
    {
        var text = "The committee approved the harbour budget on Tuesday.";
        var a = await new HashingEmbeddingGenerator().GenerateAsync([text], cancellationToken: TestContext.Current.CancellationToken);
        var b = await new HashingEmbeddingGenerator().GenerateAsync([text], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(a[0].Vector.ToArray(), b[0].Vector.ToArray());
    }

    [Theory]
    [InlineData("one")]
    [InlineData("Reading long documents one chunk at a time, with overlap between chunks.")]
    [InlineData("Ünïcödé wörds and 12345 numbers")]
    public void Vectors_have_unit_length_and_the_configured_width(string text)
    {
        var generator = new HashingEmbeddingGenerator(256);
        var vector = generator.Embed(text);
        Assert.Equal(256, vector.Length);
        Assert.Equal(1.0, TensorPrimitives.Norm(vector), 4);
    }

    [Fact]
    public void Text_without_words_embeds_to_zero()
    {
        Assert.All(new HashingEmbeddingGenerator().Embed(" ,.;! "), x => Assert.Equal(0f, x));
    }

    [Fact]
    public void Texts_sharing_words_are_closer_than_unrelated_texts()
    {
        var g = new HashingEmbeddingGenerator();
        var query = g.Embed("harbour budget approved");
        var related = g.Embed("The city council approved the harbour budget after a long debate.");
        var unrelated = g.Embed("Penguins huddle together through the Antarctic winter.");
        Assert.True(TensorPrimitives.Dot(query, related) > TensorPrimitives.Dot(query, unrelated) + 0.2f);
    }

    [Fact]
    public void Word_order_matters_through_bigrams()
    {
        var g = new HashingEmbeddingGenerator();
        var a = g.Embed("dog bites man");
        var b = g.Embed("man bites dog");
        Assert.True(TensorPrimitives.Dot(a, b) < 0.999f);
        Assert.True(TensorPrimitives.Dot(a, b) > 0.3f); // same unigrams
    }

    [Fact]
    public void Case_is_ignored()
    {
        var g = new HashingEmbeddingGenerator();
        Assert.Equal(g.Embed("Harbour Budget"), g.Embed("harbour budget"));
    }

    [Fact]
    public void Metadata_names_it_for_what_it_is_and_the_name_round_trips()
    {
        var g = new HashingEmbeddingGenerator();
        var metadata = g.GetService<EmbeddingGeneratorMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal("hashing-384 (feature hashing, not a neural model)", metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Equal(768, HashingEmbeddingGenerator.FromModelName(new HashingEmbeddingGenerator(768).ModelName)!.Dimensions);
        Assert.Null(HashingEmbeddingGenerator.FromModelName("all-MiniLM-L6-v2"));
    }

    [Fact]
    public void Feature_hash_is_stable_and_not_string_GetHashCode()
    {
        // FNV-1a 64 of "" is its offset basis before the avalanche; the avalanche of it must be what we compute.
        ulong h1 = HashingEmbeddingGenerator.Fnv1a64("budget");
        ulong h2 = HashingEmbeddingGenerator.Fnv1a64("budget");
        Assert.Equal(h1, h2);
        Assert.NotEqual(h1, HashingEmbeddingGenerator.Fnv1a64("Budget"));
        Assert.NotEqual((ulong)(uint)"budget".GetHashCode(), h1 & 0xFFFFFFFF);
    }

    public static TheoryData<string> Tricky => new()
    {
        "",
        "The committee approved the harbour budget on Tuesday. The the the of of.",
        "ΣΊΣΥΦΟΣ and İstanbul, DŽungla, ǅemal; Straße — ΟΔΥΣΣΕΥΣ",
        "e\u0301cole cafe\u0301 \u0301leading-mark na\u0308ive",
        "日本語のテキスト 中文 한국어 ١٢٣ ４５６",
        "emoji 😀 between 🇫🇷 words and a lone \uD800 surrogate \uDC00 here",
        new string('a', 65) + " " + new string('Ä', 200) + " short " + new string('ß', 64),
        "of the and to in a is that it was for on are as with his they at be this from",
        "new york new york york new; dog bites man, man bites dog",
        "x1 2x 3.14 1,000,000 v2.0.1 under_score hyphen-ated CamelCase",
    };

    [Theory]
    [MemberData(nameof(Tricky))]
    public void Vectors_are_bit_identical_to_the_reference_embedding(string text)
    {
        foreach (int dimensions in new[] { 8, 384, 1000 })
        {
            var expected = ReferenceHashingEmbedding.Embed(text, dimensions);
            var actual = new HashingEmbeddingGenerator(dimensions).Embed(text);
            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void Random_texts_are_bit_identical_to_the_reference_embedding()
    {
        // Words drawn from a small vocabulary (repeats exercise term frequency) mixed with random characters.
        var random = new Random(15);
        string[] vocabulary = ["budget", "harbour", "the", "of", "Tax", "TAX", "naïve", "Ωmega", "co-op", "2026", "über", "and"];
        for (int n = 0; n < 200; n++)
        {
            var text = new System.Text.StringBuilder();
            for (int w = random.Next(0, 300); w > 0; w--)
            {
                text.Append(random.Next(4) == 0 ? ((char)random.Next(0x20, 0x3000)).ToString() : vocabulary[random.Next(vocabulary.Length)]);
                text.Append(" .,\n-"[random.Next(5)]);
            }
            var s = text.ToString();
            Assert.Equal(ReferenceHashingEmbedding.Embed(s, 384).Select(BitConverter.SingleToInt32Bits),
                new HashingEmbeddingGenerator().Embed(s).Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Theory]
    [MemberData(nameof(Tricky))]
    public void Sparse_form_holds_the_non_zero_entries_of_the_vector(string text)
    {
        foreach (int dimensions in new[] { 8, 384, 1000 })
        {
            var generator = new HashingEmbeddingGenerator(dimensions);
            // The second text reuses the scratch state the first one left.
            var sparse = generator.EmbedSparse(["Another sentence, about the harbour budget first.", text], TestContext.Current.CancellationToken)[1];
            AssertSameEntries(generator.Embed(text), sparse);
        }
    }

    [Fact]
    public void Sparse_form_of_many_random_texts_holds_the_non_zero_entries_of_each_vector()
    {
        var random = new Random(16);
        string[] vocabulary = ["budget", "harbour", "the", "of", "Tax", "TAX", "naïve", "Ωmega", "co-op", "2026", "über", "and"];
        var texts = Enumerable.Range(0, 200).Select(_ =>
        {
            var text = new System.Text.StringBuilder();
            for (int w = random.Next(0, 300); w > 0; w--)
                text.Append(random.Next(4) == 0 ? ((char)random.Next(0x20, 0x3000)).ToString() : vocabulary[random.Next(vocabulary.Length)]).Append(" .,\n-"[random.Next(5)]);
            return text.ToString();
        }).ToArray();
        var generator = new HashingEmbeddingGenerator();
        var sparse = generator.EmbedSparse(texts, TestContext.Current.CancellationToken);
        for (int i = 0; i < texts.Length; i++) AssertSameEntries(generator.Embed(texts[i]), sparse[i]);
    }

    // The same positions; values equal up to the last bits of the length (summed in double, not by TensorPrimitives).
    private static void AssertSameEntries(float[] dense, SparseEmbedding sparse)
    {
        Assert.Equal(dense.Length, sparse.Dimensions);
        Assert.Equal(Enumerable.Range(0, dense.Length).Where(i => dense[i] != 0), sparse.Indices.ToArray());
        var values = sparse.Values.ToArray();
        for (int k = 0; k < values.Length; k++) Assert.Equal(dense[sparse.Indices[k]], values[k], 1e-6f);
    }
}

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
}

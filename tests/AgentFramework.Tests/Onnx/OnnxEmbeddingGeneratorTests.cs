using AgentFramework.Errors;
using AgentFramework.Onnx.Embeddings;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.Onnx;

public sealed class OnnxEmbeddingGeneratorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agentfw-encoder-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] Texts =
        ["Call me Ishmael.", "The white whale", "Captain Ahab and the sea, the ship, the whales.", "the", "Unknownword whale"];

    [Fact]
    public async Task Vectors_have_the_hidden_size_and_unit_length()
    {
        using var generator = OnnxEmbeddingGenerator.Load(TinyEncoderWriter.WriteFolder(_dir));
        var embeddings = await generator.GenerateAsync(Texts, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(Texts.Length, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(TinyEncoderWriter.Hidden, e.Vector.Length));
        Assert.All(embeddings, e => Assert.Equal(1.0, Math.Sqrt(e.Vector.ToArray().Sum(v => (double)v * v)), 4));
        Assert.Equal(TinyEncoderWriter.Hidden, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
        Assert.True(embeddings.Usage!.InputTokenCount > Texts.Length * 2); // [CLS] and [SEP] at least
        // Different texts give different vectors.
        Assert.NotEqual(embeddings[0].Vector.ToArray(), embeddings[1].Vector.ToArray());
    }

    [Fact]
    public async Task Batched_results_equal_one_by_one_results()
    {
        var folder = TinyEncoderWriter.WriteFolder(_dir);
        using var batched = OnnxEmbeddingGenerator.Load(folder, new OnnxEmbeddingOptions { BatchSize = 8 });
        using var single = OnnxEmbeddingGenerator.Load(folder, new OnnxEmbeddingOptions { BatchSize = 1 });
        var a = await batched.GenerateAsync(Texts, cancellationToken: TestContext.Current.CancellationToken);
        var b = await single.GenerateAsync(Texts, cancellationToken: TestContext.Current.CancellationToken);
        for (int i = 0; i < Texts.Length; i++)
            for (int d = 0; d < TinyEncoderWriter.Hidden; d++)
                Assert.Equal(b[i].Vector.Span[d], a[i].Vector.Span[d], 5);
    }

    [Fact]
    public async Task Pooled_output_is_used_when_the_graph_has_one()
    {
        var folder = TinyEncoderWriter.WriteFolder(_dir, withPooledOutput: true);
        using var pooled = OnnxEmbeddingGenerator.Load(folder);
        using var mean = OnnxEmbeddingGenerator.Load(folder, new OnnxEmbeddingOptions { Pooling = EmbeddingPooling.Mean });
        var p = await pooled.GenerateAsync(["The white whale"], cancellationToken: TestContext.Current.CancellationToken);
        var m = await mean.GenerateAsync(["The white whale"], cancellationToken: TestContext.Current.CancellationToken);
        // Unbatched, the graph's mean over the sequence equals our masked mean (no padding): same vector.
        for (int d = 0; d < TinyEncoderWriter.Hidden; d++) Assert.Equal(m[0].Vector.Span[d], p[0].Vector.Span[d], 5);
        // Batched with a longer text, this toy graph's pooled output averages the padding too (it ignores the mask),
        // so a different vector proves the pooled output, not our masked mean, was read.
        var batch = await pooled.GenerateAsync(["The white whale", "Call me Ishmael, captain of the white ship."], cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(m[0].Vector.ToArray(), batch[0].Vector.ToArray());
    }

    [Fact]
    public void Missing_vocabulary_is_a_model_error_naming_the_folder()
    {
        var folder = TinyEncoderWriter.WriteFolder(_dir);
        File.Delete(Path.Combine(folder, "vocab.txt"));
        var e = Assert.Throws<ModelException>(() => OnnxEmbeddingGenerator.Load(folder));
        Assert.Contains("no WordPiece vocabulary", e.Message);
    }
}

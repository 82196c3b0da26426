using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Onnx.Embeddings;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Embeddings;
using AgentFramework.Retrieval.Stores;
using AgentFramework.Tests.Onnx;

namespace AgentFramework.Tests.Retrieval;

/// <summary>A store built with a real ONNX encoder (the tiny C#-written one) records it and refuses other embeddings.</summary>
public sealed class OnnxEmbeddedStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agentfw-onnx-store-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Store_built_with_an_onnx_encoder_searches_with_it_and_refuses_others()
    {
        var store = Path.Combine(_dir, "store.db");
        var text = "The white whale swam past the ship. Call me Ishmael. The captain of the ship hunted the whale.";
        var document = Document.FromText(text, "whale.txt");
        var chunks = new Chunker().Split(document, new ChunkingOptions { MaxTokens = 8, OverlapTokens = 0 }, Ct);
        string modelId;
        using (var encoder = OnnxEmbeddingGenerator.Load(TinyEncoderWriter.WriteFolder(Path.Combine(_dir, "encoder"))))
        await using (var index = await SqliteChunkIndex.OpenAsync(store, encoder, cancellationToken: Ct))
        {
            modelId = encoder.ModelId;
            await index.AddDocumentAsync(document, chunks, Ct);
            var stats = await index.GetStatsAsync(Ct);
            Assert.Equal((modelId, TinyEncoderWriter.Hidden), (stats.EmbeddingModel, stats.EmbeddingDimensions));
            var hits = await index.SearchAsync(new SearchQuery("white whale", 3, SearchMode.Vector), Ct);
            Assert.Equal(3, hits.Count);
            Assert.All(hits, h => Assert.Equal(text[h.Chunk.Start..h.Chunk.End], h.Chunk.Text));
        }

        await using (var withoutModel = await SqliteChunkIndex.OpenAsync(store, cancellationToken: Ct))
        {
            Assert.NotEmpty(await withoutModel.SearchAsync(new SearchQuery("whale", 2, SearchMode.Bm25), Ct));
            var error = await Assert.ThrowsAsync<UserInputException>(() => withoutModel.SearchAsync(new SearchQuery("whale", 2, SearchMode.Hybrid), Ct));
            Assert.Contains("IChunkIndex.EmbeddingModel", error.Message);
            Assert.Contains("--embedding-model", AgentFramework.Cli.Infrastructure.LibraryOptionFlags.Translate(error.Message));
        }
        var mismatch = await Assert.ThrowsAsync<UserInputException>(() => SqliteChunkIndex.OpenAsync(store, new HashingEmbeddingGenerator(), cancellationToken: Ct));
        Assert.Contains(modelId, mismatch.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Onnx.Embeddings;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Embeddings;
using AgentFramework.Retrieval.Stores;
using AgentFramework.Tests.Onnx;

namespace AgentFramework.Tests.Retrieval;

/// <summary>Default search is BM25 in a store built with the hashing embedding (never worse than BM25), hybrid with a learned one.</summary>
public sealed class DefaultSearchModeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agentfw-default-mode-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Document Sea = Document.FromText(string.Join("\n\n", Enumerable.Range(1, 40).Select(i =>
        $"Paragraph {i}. The harbour held {i} ships and a lighthouse keeper counted gulls. " +
        (i % 7 == 0 ? "The quartermaster hid silver compasses under the chapel floor. " : "Rope and tar were stacked by the pier. "))), "sea.txt");

    private static string Spans(IReadOnlyList<SearchHit> hits) => string.Join(" ", hits.Select(h => $"[{h.Chunk.Start},{h.Chunk.End})"));

    [Fact]
    public async Task With_the_hashing_embedding_default_search_is_bm25_and_the_store_says_so()
    {
        await using var index = await SqliteChunkIndex.OpenAsync(Path.Combine(_dir, "hashing.db"), new HashingEmbeddingGenerator(), cancellationToken: Ct);
        await index.AddDocumentAsync(Sea, new Chunker().Split(Sea, new ChunkingOptions { MaxTokens = 40, OverlapTokens = 0 }, Ct), Ct);

        var auto = await index.SearchAsync(new SearchQuery("where were the silver compasses hidden", 5), Ct);
        var bm25 = await index.SearchAsync(new SearchQuery("where were the silver compasses hidden", 5, SearchMode.Bm25), Ct);
        var hybrid = await index.SearchAsync(new SearchQuery("where were the silver compasses hidden", 5, SearchMode.Hybrid), Ct);

        Assert.Equal(SearchMode.Auto, new SearchQuery("q").Mode);
        Assert.Equal(SearchMode.Bm25, (await index.GetStatsAsync(Ct)).DefaultSearchMode);
        Assert.Equal(Spans(bm25), Spans(auto));
        Assert.Equal(bm25.Select(h => h.Score), auto.Select(h => h.Score));
        Assert.NotEqual(bm25.Select(h => h.Score), hybrid.Select(h => h.Score)); // an explicit hybrid still fuses
    }

    [Fact]
    public async Task With_a_learned_embedding_default_search_is_hybrid()
    {
        using var encoder = OnnxEmbeddingGenerator.Load(TinyEncoderWriter.WriteFolder(Path.Combine(_dir, "encoder")));
        await using var index = await SqliteChunkIndex.OpenAsync(Path.Combine(_dir, "onnx.db"), encoder, cancellationToken: Ct);
        await index.AddDocumentAsync(Sea, new Chunker().Split(Sea, new ChunkingOptions { MaxTokens = 40, OverlapTokens = 0 }, Ct), Ct);

        var auto = await index.SearchAsync(new SearchQuery("silver compasses", 5), Ct);
        var hybrid = await index.SearchAsync(new SearchQuery("silver compasses", 5, SearchMode.Hybrid), Ct);

        Assert.Equal(SearchMode.Hybrid, (await index.GetStatsAsync(Ct)).DefaultSearchMode);
        Assert.Equal(Spans(hybrid), Spans(auto));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

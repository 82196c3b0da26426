using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Embeddings;
using AgentFramework.Retrieval.Stores;
using Microsoft.Extensions.AI;

namespace AgentFramework.Agents.Execution;

/// <summary>
/// The default ephemeral index of retrieve-then-reason: an embedded SQLite store (FTS5 BM25 + vectors) in a temporary
/// file, embedded with the registered generator (the hashing embedding when none), deleted when closed. The indexes of
/// the last <see cref="KeptIndexes"/> document sets are kept until the service provider is disposed, so several
/// questions over one document index it once.
/// </summary>
public sealed class TemporarySqliteIndexFactory : IChunkIndexFactory, IAsyncDisposable, IDisposable
{
    public const int KeptIndexes = 4;

    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddings;
    private readonly ChunkIndexProviders _stores;
    private readonly DocumentIndexCache _kept;

    /// <param name="stores">The registry the temporary file is opened through; null: <see cref="ChunkIndexProviders.Default"/>.</param>
    public TemporarySqliteIndexFactory(IEmbeddingGenerator<string, Embedding<float>>? embeddings = null, ChunkIndexProviders? stores = null)
    {
        _embeddings = embeddings;
        _stores = stores ?? ChunkIndexProviders.Default;
        _kept = new DocumentIndexCache(CreateEphemeralAsync, KeptIndexes);
    }

    public async Task<IChunkIndex> CreateEphemeralAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"agentfw-rtr-{Guid.NewGuid():N}.db");
        var index = await _stores.OpenAsync(path, new ChunkIndexOpenOptions { EmbeddingGenerator = _embeddings ?? new HashingEmbeddingGenerator() }, cancellationToken).ConfigureAwait(false);
        return new DeletingIndex(index, path);
    }

    public Task<PreparedIndex> PrepareAsync(IReadOnlyList<Document> documents, string chunkingKey,
        Func<Document, IReadOnlyList<Chunk>> split, CancellationToken cancellationToken) =>
        _kept.AcquireAsync(documents, chunkingKey, split, cancellationToken);

    public ValueTask DisposeAsync() => _kept.DisposeAsync();

    public void Dispose() => _kept.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Disposes the store, then removes its file and SQLite's side files.</summary>
    private sealed class DeletingIndex(IChunkIndex inner, string path) : IChunkIndex
    {
        public Task<IngestOutcome> AddDocumentAsync(Document document, IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default) => inner.AddDocumentAsync(document, chunks, cancellationToken);
        public Task<IReadOnlyList<IngestOutcome>> AddDocumentsAsync(IReadOnlyList<DocumentChunks> batch, CancellationToken cancellationToken = default) => inner.AddDocumentsAsync(batch, cancellationToken);
        public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) => inner.SearchAsync(query, cancellationToken);
        public Task<bool> RemoveDocumentAsync(string documentIdOrName, CancellationToken cancellationToken = default) => inner.RemoveDocumentAsync(documentIdOrName, cancellationToken);
        public Task<IReadOnlyList<IndexedDocument>> ListDocumentsAsync(CancellationToken cancellationToken = default) => inner.ListDocumentsAsync(cancellationToken);
        public Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default) => inner.GetStatsAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                try { File.Delete(file); } catch (IOException) { /* best effort: a temp file */ }
        }
    }
}

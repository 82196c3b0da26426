using AgentFramework.Chunking;
using AgentFramework.Documents;

namespace AgentFramework.Retrieval;

/// <summary>
/// How a query is matched: BM25 over words, cosine over embeddings, both fused by reciprocal rank, or the store's
/// default (<see cref="Auto"/>: hybrid with a learned embedding, BM25 with the built-in hashing embedding, whose
/// vector leg only repeats the words BM25 already matches and lowers its recall when fused; see <see cref="SearchModes"/>).
/// </summary>
public enum SearchMode { Bm25, Vector, Hybrid, Auto }

/// <summary>
/// A search request. <see cref="DocumentId"/> restricts hits to one document when set (its content id or the name it
/// was ingested under). Query text is plain words: no query syntax in it is ever interpreted.
/// </summary>
public sealed record SearchQuery(string Text, int K = 10, SearchMode Mode = SearchMode.Auto, string? DocumentId = null);

/// <summary>
/// A retrieved chunk. Invariant: <c>Chunk.Text</c> equals the source document's text at [Start, End).
/// <see cref="Score"/> is higher-is-better within one result list: BM25 (or ts_rank), cosine similarity, or the
/// reciprocal-rank-fusion score for hybrid; scores of different modes are not comparable.
/// </summary>
/// <param name="DocumentName">The display name (path) the document was ingested under.</param>
public sealed record SearchHit(Chunk Chunk, string DocumentName, double Score);

/// <summary>A document held by an index.</summary>
public sealed record IndexedDocument(string DocumentId, string Name, int ChunkCount, long Characters, DateTimeOffset IngestedAt);

/// <summary>What an index holds and how it embeds.</summary>
public sealed record IndexStats(int Documents, long Chunks, long Characters, string EmbeddingModel, int EmbeddingDimensions, string Backend)
{
    /// <summary>What <see cref="SearchMode.Auto"/> searches with in this index.</summary>
    public SearchMode DefaultSearchMode => SearchModes.DefaultFor(EmbeddingModel);
}

/// <summary>
/// Result of adding a document, which is identified by its name: unchanged (same name, same content: nothing written),
/// added (new name), or replaced (same name, new content: old chunks removed in the same transaction).
/// </summary>
public enum IngestOutcome { Unchanged, Added, Replaced }

/// <summary>A document and its chunks, as added to an index.</summary>
public sealed record DocumentChunks(Document Document, IReadOnlyList<Chunk> Chunks);

/// <summary>
/// A searchable store of document chunks (lexical and vector). Adding is idempotent and atomic per document:
/// a document's chunks appear all at once or not at all, and a changed document replaces its old chunks.
/// </summary>
public interface IChunkIndex : IAsyncDisposable
{
    Task<IngestOutcome> AddDocumentAsync(Document document, IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds several documents, with the outcome of each in order. A store may write the whole batch in one transaction
    /// (all of it or none of it: re-adding the batch completes an interrupted run); by default each is added alone.
    /// </summary>
    async Task<IReadOnlyList<IngestOutcome>> AddDocumentsAsync(IReadOnlyList<DocumentChunks> batch, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<IngestOutcome>(batch.Count);
        foreach (var (document, chunks) in batch) outcomes.Add(await AddDocumentAsync(document, chunks, cancellationToken).ConfigureAwait(false));
        return outcomes;
    }

    /// <summary>
    /// Adds one document whose chunks arrive in slices while the rest are still being made (a large file chunked
    /// incrementally, <see cref="Chunker.SplitIncrementally"/>), with the guarantees of <see cref="AddDocumentAsync"/>:
    /// all of its chunks or none. A store may embed and write each slice as it arrives, so that work overlaps the
    /// chunking; by default the slices are gathered and added at once. The slices are read to their end either way.
    /// </summary>
    async Task<IngestOutcome> AddDocumentInSlicesAsync(Document document, IAsyncEnumerable<IReadOnlyList<Chunk>> slices, CancellationToken cancellationToken = default)
    {
        var chunks = new List<Chunk>();
        await foreach (var slice in slices.WithCancellation(cancellationToken).ConfigureAwait(false)) chunks.AddRange(slice);
        return await AddDocumentAsync(document, chunks, cancellationToken).ConfigureAwait(false);
    }

    Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);

    Task<bool> RemoveDocumentAsync(string documentIdOrName, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<IndexedDocument>> ListDocumentsAsync(CancellationToken cancellationToken = default);

    Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default);
}

using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Retrieval;

namespace AgentFramework.Agents.Execution;

/// <summary>Creates the ephemeral index retrieve-then-reason fills when the caller gives none; disposed after the run.</summary>
public interface IChunkIndexFactory
{
    Task<IChunkIndex> CreateEphemeralAsync(CancellationToken cancellationToken);

    /// <summary>
    /// An index holding <paramref name="documents"/> split by <paramref name="split"/> (whose settings
    /// <paramref name="chunkingKey"/> names). By default a fresh ephemeral index filled now and owned by the caller; a
    /// factory that keeps indexes (a benchmark: one per document set per run) returns the one it already filled.
    /// </summary>
    async Task<PreparedIndex> PrepareAsync(IReadOnlyList<Document> documents, string chunkingKey,
        Func<Document, IReadOnlyList<Chunk>> split, CancellationToken cancellationToken)
    {
        var index = await CreateEphemeralAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int chunks = await FillAsync(index, documents, split, cancellationToken).ConfigureAwait(false);
            return new PreparedIndex(index, documents.Count, chunks, OwnedByCaller: true);
        }
        catch
        {
            await index.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Splits and adds every document; returns the number of chunks added.</summary>
    static async Task<int> FillAsync(IChunkIndex index, IReadOnlyList<Document> documents, Func<Document, IReadOnlyList<Chunk>> split,
        CancellationToken cancellationToken)
    {
        int total = 0;
        foreach (var document in documents)
        {
            var chunks = split(document);
            await index.AddDocumentAsync(document, chunks, cancellationToken).ConfigureAwait(false);
            total += chunks.Count;
        }
        return total;
    }
}

/// <summary>
/// An index ready to search: <paramref name="IndexedDocuments"/> and <paramref name="IndexedChunks"/> say what was
/// indexed for this request (0 when an index filled earlier was reused); the caller disposes it only when
/// <paramref name="OwnedByCaller"/>.
/// </summary>
public sealed record PreparedIndex(IChunkIndex Index, int IndexedDocuments, int IndexedChunks, bool OwnedByCaller);

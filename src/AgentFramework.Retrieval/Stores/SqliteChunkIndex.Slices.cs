using System.Threading.Channels;
using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Retrieval.Embeddings;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;

namespace AgentFramework.Retrieval.Stores;

/// <summary>
/// Adding one large document while it is still being chunked: three stages on their own tasks (the caller's chunker
/// producing slices, embedding, writing), so on two cores the embedding and the FTS5 writes overlap the tokenizer
/// instead of following it. One transaction for the whole document, as for any add.
/// </summary>
public sealed partial class SqliteChunkIndex
{
    /// <summary>Embedded slices waiting for the writer: enough to keep it busy, few enough to bound memory.</summary>
    private const int EmbeddedSlicesAhead = 2;

    public async Task<IngestOutcome> AddDocumentInSlicesAsync(Document document, IAsyncEnumerable<IReadOnlyList<Chunk>> slices, CancellationToken cancellationToken = default)
    {
        var generator = _generator ?? throw NoEmbedding();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Same name, same content: nothing to write, but the slices are still read to their end (the chunker waits on them).
            if ((await FindByNameAsync(document.Name, cancellationToken).ConfigureAwait(false))?.Id == document.Id)
                return await DrainAsync(slices, cancellationToken).ConfigureAwait(false);

            var transaction = ((SqliteTransaction)await _connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false));
            await using var transactionScope = transaction.ConfigureAwait(false);
            // Looked up again inside the transaction: another process may have written it meanwhile.
            var existing = await FindByNameAsync(document.Name, cancellationToken, transaction).ConfigureAwait(false);
            if (existing?.Id == document.Id) return await DrainAsync(slices, cancellationToken).ConfigureAwait(false);
            await SqliteStoreSchema.UpgradeForWritingAsync(_connection, transaction, cancellationToken).ConfigureAwait(false);
            if (existing is not null) await DeleteDocumentRowAsync(existing.Value.RowId, transaction, cancellationToken).ConfigureAwait(false);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var embedded = Channel.CreateBounded<(IReadOnlyList<Chunk> Chunks, float[][] Vectors)>(
                new BoundedChannelOptions(EmbeddedSlicesAhead) { SingleReader = true, SingleWriter = true });
            var embedding = Task.Run(() => EmbedSlicesAsync(document, slices, generator, embedded.Writer, stop.Token), stop.Token);
            try
            {
                var writer = new SqliteDocumentWriter(_connection, transaction);
                await using (writer.ConfigureAwait(false))
                {
                    long row = await writer.WriteDocumentAsync(document, 0, stop.Token).ConfigureAwait(false);
                    int count = 0;
                    await foreach (var (chunks, vectors) in embedded.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                    {
                        await writer.WriteChunksAsync(row, chunks, vectors, stop.Token).ConfigureAwait(false);
                        count += chunks.Count;
                    }
                    await writer.SetChunkCountAsync(row, count, stop.Token).ConfigureAwait(false);
                }
                await embedding.ConfigureAwait(false); // its failure, if the channel did not carry it
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                try { await embedding.ConfigureAwait(false); } catch (Exception) { /* the first failure is the one to report */ }
                throw;
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _vectors = null;
            return existing is null ? IngestOutcome.Added : IngestOutcome.Replaced;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task EmbedSlicesAsync(Document document, IAsyncEnumerable<IReadOnlyList<Chunk>> slices, IEmbeddingGenerator<string, Embedding<float>> generator,
        ChannelWriter<(IReadOnlyList<Chunk>, float[][])> embedded, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var slice in slices.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                StoreMetadata.ValidateChunks(document, slice);
                var texts = new string[slice.Count];
                for (int i = 0; i < texts.Length; i++) texts[i] = slice[i].Text;
                var vectors = await BatchEmbedding.EmbedAsync(generator, texts, EmbeddingModel.Dimensions, cancellationToken: cancellationToken).ConfigureAwait(false);
                await embedded.WriteAsync((slice, vectors), cancellationToken).ConfigureAwait(false);
            }
            embedded.Complete();
        }
        catch (Exception e)
        {
            embedded.Complete(e);
            throw;
        }
    }

    private static async Task<IngestOutcome> DrainAsync(IAsyncEnumerable<IReadOnlyList<Chunk>> slices, CancellationToken cancellationToken)
    {
        await foreach (var _ in slices.WithCancellation(cancellationToken).ConfigureAwait(false)) { }
        return IngestOutcome.Unchanged;
    }
}

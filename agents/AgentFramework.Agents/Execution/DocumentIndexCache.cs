using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Retrieval;

namespace AgentFramework.Agents.Execution;

/// <summary>
/// Keeps the indexes filled for recent document sets, so questions over the same documents chunk, embed and index them
/// once. Each request gets a lease (disposing it releases the index, not the store); at most
/// <paramref name="capacity"/> indexes are kept, the least recently used one not in use closed first. Concurrent
/// requests for the same set wait for one fill. Thread-safe.
/// </summary>
public sealed class DocumentIndexCache(Func<CancellationToken, Task<IChunkIndex>> create, int capacity) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private long _clock;
    private bool _disposed;

    private sealed class Slot(string key)
    {
        public string Key { get; } = key;
        public SemaphoreSlim Fill { get; } = new(1, 1);
        public IChunkIndex? Index { get; set; }
        public int Users { get; set; }
        public long LastUsed { get; set; }
    }

    /// <summary>Indexes kept now (filled or being filled).</summary>
    public int Count { get { lock (_lock) return _slots.Count; } }

    public async Task<PreparedIndex> AcquireAsync(IReadOnlyList<Document> documents, string chunkingKey,
        Func<Document, IReadOnlyList<Chunk>> split, CancellationToken cancellationToken)
    {
        // Names are part of the key: hits report them, and two names may hold the same text.
        var key = chunkingKey + "\n" + string.Join("\n", documents.Select(d => $"{d.Id}\t{d.Kind}\t{d.Name}"));
        Slot slot;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_slots.TryGetValue(key, out slot!)) _slots[key] = slot = new Slot(key);
            slot.Users++;
            slot.LastUsed = ++_clock;
        }
        int indexedDocuments = 0, indexedChunks = 0;
        try
        {
            await slot.Fill.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (slot.Index is null)
                {
                    var index = await create(cancellationToken).ConfigureAwait(false);
                    try { indexedChunks = await IChunkIndexFactory.FillAsync(index, documents, split, cancellationToken).ConfigureAwait(false); }
                    catch
                    {
                        await index.DisposeAsync().ConfigureAwait(false);
                        throw;
                    }
                    slot.Index = index;
                    indexedDocuments = documents.Count;
                }
            }
            finally
            {
                slot.Fill.Release();
            }
        }
        catch
        {
            await ReleaseAsync(slot).ConfigureAwait(false);
            throw;
        }
        await CloseUnusedOverCapacityAsync().ConfigureAwait(false);
        return new PreparedIndex(new Lease(this, slot, slot.Index!), indexedDocuments, indexedChunks, OwnedByCaller: true);
    }

    private async ValueTask ReleaseAsync(Slot slot)
    {
        lock (_lock) slot.Users--;
        await CloseUnusedOverCapacityAsync().ConfigureAwait(false);
    }

    private async ValueTask CloseUnusedOverCapacityAsync()
    {
        var closing = new List<Slot>();
        lock (_lock)
        {
            while (_slots.Count - closing.Count > Math.Max(1, capacity))
            {
                var oldest = _slots.Values.Where(s => s.Users == 0 && !closing.Contains(s)).MinBy(s => s.LastUsed);
                if (oldest is null) break; // every kept index is in use: close when released
                closing.Add(oldest);
            }
            foreach (var slot in closing) _slots.Remove(slot.Key);
        }
        foreach (var slot in closing)
            if (slot.Index is { } index) await index.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        List<Slot> all;
        lock (_lock)
        {
            _disposed = true;
            all = [.. _slots.Values];
            _slots.Clear();
        }
        foreach (var slot in all)
            if (slot.Index is { } index) await index.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The kept index for one request; disposing it only releases it.</summary>
    private sealed class Lease(DocumentIndexCache owner, Slot slot, IChunkIndex inner) : IChunkIndex
    {
        private int _released;

        public Task<IngestOutcome> AddDocumentAsync(Document document, IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default) => inner.AddDocumentAsync(document, chunks, cancellationToken);
        public Task<IReadOnlyList<IngestOutcome>> AddDocumentsAsync(IReadOnlyList<DocumentChunks> batch, CancellationToken cancellationToken = default) => inner.AddDocumentsAsync(batch, cancellationToken);
        public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) => inner.SearchAsync(query, cancellationToken);
        public Task<bool> RemoveDocumentAsync(string documentIdOrName, CancellationToken cancellationToken = default) => inner.RemoveDocumentAsync(documentIdOrName, cancellationToken);
        public Task<IReadOnlyList<IndexedDocument>> ListDocumentsAsync(CancellationToken cancellationToken = default) => inner.ListDocumentsAsync(cancellationToken);
        public Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default) => inner.GetStatsAsync(cancellationToken);

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _released, 1) == 0 ? owner.ReleaseAsync(slot) : ValueTask.CompletedTask;
    }
}

using AgentFramework.Agents.Execution;
using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Stores;
using Microsoft.Extensions.AI;

namespace AgentFramework.Evaluation.Runner;

/// <summary>
/// Ephemeral chunk indexes for retrieve-then-reason during a benchmark: SQLite stores in a scratch folder, one per
/// document set per run (the cases over one document share its chunking and index; the runner orders them
/// consecutively), so every case is still retrieved over its own documents only. The folder is deleted on dispose.
/// </summary>
public sealed class TemporaryIndexFactory : IChunkIndexFactory, IAsyncDisposable
{
    /// <summary>Document sets whose index is kept at once (cases are grouped by document, so one is usually enough).</summary>
    public const int KeptIndexes = 8;

    private readonly string _folder;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddings;
    private readonly ChunkIndexProviders _stores;
    private readonly DocumentIndexCache _kept;
    private int _next;

    /// <param name="stores">The registry the scratch files are opened through; null: <see cref="ChunkIndexProviders.Default"/>.</param>
    public TemporaryIndexFactory(string folder, IEmbeddingGenerator<string, Embedding<float>>? embeddings, ChunkIndexProviders? stores = null)
    {
        (_folder, _embeddings, _stores) = (folder, embeddings, stores ?? ChunkIndexProviders.Default);
        _kept = new DocumentIndexCache(CreateEphemeralAsync, KeptIndexes);
    }

    public async Task<IChunkIndex> CreateEphemeralAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, $"index-{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}.db");
        return await _stores.OpenAsync(path, new ChunkIndexOpenOptions { EmbeddingGenerator = _embeddings }, cancellationToken).ConfigureAwait(false);
    }

    public Task<PreparedIndex> PrepareAsync(IReadOnlyList<Document> documents, string chunkingKey,
        Func<Document, IReadOnlyList<Chunk>> split, CancellationToken cancellationToken) =>
        _kept.AcquireAsync(documents, chunkingKey, split, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _kept.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

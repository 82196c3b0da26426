using AgentFramework.Agents.Execution;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Stores;
using Microsoft.Extensions.AI;

namespace AgentFramework.Evaluation.Runner;

/// <summary>
/// Ephemeral chunk indexes for retrieve-then-reason during a benchmark: a fresh SQLite store per run in a scratch
/// folder, so every case is retrieved over its own documents only. The folder is deleted on dispose.
/// </summary>
public sealed class TemporaryIndexFactory(string folder, IEmbeddingGenerator<string, Embedding<float>>? embeddings) : IChunkIndexFactory, IDisposable
{
    private int _next;

    public async Task<IChunkIndex> CreateEphemeralAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"index-{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}.db");
        return await SqliteChunkIndex.OpenAsync(path, embeddings, createIfMissing: true, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

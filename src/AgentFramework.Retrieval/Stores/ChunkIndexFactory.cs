using Microsoft.Extensions.AI;

namespace AgentFramework.Retrieval.Stores;

/// <summary>
/// Opens the chunk index a store location names: a PostgreSQL connection string (<c>postgres://…</c> or <c>Host=…</c>)
/// selects pgvector, anything else is the path of an embedded SQLite store.
/// </summary>
public static class ChunkIndexFactory
{
    /// <param name="embeddingGenerator">The embedding to store and query with; null: the one the store was built with when
    /// it is the built-in hashing embedding, and the hashing embedding for a new store.</param>
    /// <param name="createIfMissing">False for read-only commands (search, info): a missing store is then a user error.</param>
    public static async Task<IChunkIndex> OpenAsync(
        string location, IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null, bool createIfMissing = true, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return PostgresLocation.IsPostgres(location)
            ? await PgVectorChunkIndex.OpenAsync(location, embeddingGenerator, createIfMissing, cancellationToken)
            : await SqliteChunkIndex.OpenAsync(location, embeddingGenerator, createIfMissing, cancellationToken);
    }
}

namespace AgentFramework.Retrieval.Stores;

/// <summary>PostgreSQL with pgvector: a <c>postgres://</c> or <c>postgresql://</c> URI, or a <c>Host=…;</c> connection string.</summary>
public sealed class PgVectorChunkIndexProvider : IChunkIndexProvider
{
    public string Name => "pgvector";

    public string Locations => "postgres://user:password@host:5432/db, postgresql://… or Host=…;Database=…";

    public bool CanOpen(string location) => PostgresLocation.IsPostgres(location);

    public async Task<IChunkIndex> OpenAsync(string location, ChunkIndexOpenOptions options, CancellationToken cancellationToken) =>
        await PgVectorChunkIndex.OpenAsync(location, options.EmbeddingGenerator, options.CreateIfMissing, cancellationToken).ConfigureAwait(false);

    public string Display(string location) => PostgresLocation.Redact(location);
}

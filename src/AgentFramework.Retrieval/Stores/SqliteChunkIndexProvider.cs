using System.Text.RegularExpressions;

namespace AgentFramework.Retrieval.Stores;

/// <summary>The embedded SQLite store: any location that is not a URI (<c>scheme://…</c>) is the path of its file.</summary>
public sealed partial class SqliteChunkIndexProvider : IChunkIndexProvider
{
    public string Name => "sqlite";

    public string Locations => "a file path such as store.db";

    // A URI names another store (or one not registered); Windows drive paths (C:\…) have no "//" after the colon.
    public bool CanOpen(string location) => !UriScheme().IsMatch(location) && !PostgresLocation.IsPostgres(location);

    public async Task<IChunkIndex> OpenAsync(string location, ChunkIndexOpenOptions options, CancellationToken cancellationToken) =>
        await SqliteChunkIndex.OpenAsync(location, options.EmbeddingGenerator, options.CreateIfMissing, cancellationToken).ConfigureAwait(false);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*://")]
    private static partial Regex UriScheme();
}

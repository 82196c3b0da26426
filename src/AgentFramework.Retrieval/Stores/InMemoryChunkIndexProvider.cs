using AgentFramework.Errors;

namespace AgentFramework.Retrieval.Stores;

/// <summary>
/// A private SQLite store in memory (<c>memory:</c>), gone when disposed: for one run where nothing should be written to
/// disk. Every open is a new, empty store, so opening one that must already exist is a user error.
/// </summary>
public sealed class InMemoryChunkIndexProvider : IChunkIndexProvider
{
    public const string Location = "memory:";

    public string Name => "memory";

    public string Locations => Location;

    public bool CanOpen(string location) => string.Equals(location.Trim(), Location, StringComparison.OrdinalIgnoreCase);

    public async Task<IChunkIndex> OpenAsync(string location, ChunkIndexOpenOptions options, CancellationToken cancellationToken)
    {
        if (!options.CreateIfMissing)
            throw new UserInputException(location, $"'{location}' is a new, empty in-memory store each time it is opened: there is nothing in it to read; use a file or database store");
        return await SqliteChunkIndex.CreateInMemoryAsync(options.EmbeddingGenerator, cancellationToken).ConfigureAwait(false);
    }
}

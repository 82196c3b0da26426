using Microsoft.Extensions.AI;

namespace AgentFramework.Retrieval.Stores;

/// <summary>
/// Opens one kind of chunk store from a location string (a file path, a <c>postgres://</c> URI, <c>memory:</c>, a
/// scheme of your own). Register it with <see cref="ChunkIndexServiceCollectionExtensions.AddChunkIndexProvider{TProvider}"/>
/// or <see cref="ChunkIndexProviders.Register"/>; <see cref="ChunkIndexProviders"/> picks the provider by location.
/// </summary>
public interface IChunkIndexProvider
{
    /// <summary>Short name for messages and listings ("sqlite", "pgvector").</summary>
    string Name { get; }

    /// <summary>The locations it opens, for the error that lists registered stores ("a file path", "qdrant://host/collection").</summary>
    string Locations { get; }

    /// <summary>Whether <paramref name="location"/> is one of this provider's (by its shape only: nothing is opened).</summary>
    bool CanOpen(string location);

    /// <summary>Opens (or, when <see cref="ChunkIndexOpenOptions.CreateIfMissing"/>, creates) the store at <paramref name="location"/>.</summary>
    Task<IChunkIndex> OpenAsync(string location, ChunkIndexOpenOptions options, CancellationToken cancellationToken);

    /// <summary>The location as it may be shown in messages (secrets such as passwords removed).</summary>
    string Display(string location) => location;
}

/// <summary>How a store is opened.</summary>
public sealed record ChunkIndexOpenOptions
{
    /// <summary>
    /// The embedding to store and query with; null: the one the store was built with when it is the built-in hashing
    /// embedding, and the hashing embedding for a new store.
    /// </summary>
    public IEmbeddingGenerator<string, Embedding<float>>? EmbeddingGenerator { get; init; }

    /// <summary>False for read-only uses (search, info): a missing store is then a user error.</summary>
    public bool CreateIfMissing { get; init; } = true;
}

using AgentFramework.Errors;

namespace AgentFramework.Retrieval.Stores;

/// <summary>
/// The one way to open a chunk store: the registered <see cref="IChunkIndexProvider"/>s, asked newest first, and the
/// first that recognises the location opens it (so a registration can take over a built-in's locations). Built in:
/// SQLite (a file path), pgvector (<c>postgres://</c>, <c>postgresql://</c> or a <c>Host=…</c> connection string) and
/// an in-memory store (<c>memory:</c>). A DI container has its own registry
/// (<see cref="ChunkIndexServiceCollectionExtensions.AddChunkIndexProviders"/>); code without one uses <see cref="Default"/>.
/// </summary>
public sealed class ChunkIndexProviders
{
    private readonly Lock _gate = new();
    private IChunkIndexProvider[] _providers; // registration order; replaced, never mutated, so readers need no lock

    public ChunkIndexProviders(IEnumerable<IChunkIndexProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = [.. providers];
    }

    /// <summary>The registry of callers without a DI container (the CLI): the built-in stores plus whatever is registered on it.</summary>
    public static ChunkIndexProviders Default { get; } = new(BuiltIn());

    /// <summary>New instances of the built-in providers, in registration order (SQLite, pgvector, in-memory).</summary>
    public static IReadOnlyList<IChunkIndexProvider> BuiltIn() =>
        [new SqliteChunkIndexProvider(), new PgVectorChunkIndexProvider(), new InMemoryChunkIndexProvider()];

    /// <summary>The providers in registration order.</summary>
    public IReadOnlyList<IChunkIndexProvider> Providers => _providers;

    /// <summary>Adds a provider; it is asked before every provider registered earlier.</summary>
    public ChunkIndexProviders Register(IChunkIndexProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        lock (_gate) _providers = [.. _providers, provider];
        return this;
    }

    /// <summary>The provider that opens <paramref name="location"/>, or null when none recognises it.</summary>
    public IChunkIndexProvider? Find(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var providers = _providers;
        for (int i = providers.Length - 1; i >= 0; i--)
            if (providers[i].CanOpen(location)) return providers[i];
        return null;
    }

    /// <summary>Opens the store at <paramref name="location"/> with the provider that recognises it.</summary>
    /// <exception cref="UserInputException">No registered provider recognises the location (the message lists them).</exception>
    public async Task<IChunkIndex> OpenAsync(string location, ChunkIndexOpenOptions? options = null, CancellationToken cancellationToken = default)
    {
        var provider = Find(location) ?? throw Unknown(location);
        return await provider.OpenAsync(location, options ?? new ChunkIndexOpenOptions(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The location as its provider shows it in messages (a PostgreSQL password removed).</summary>
    public string Display(string location) => Find(location)?.Display(location) ?? location;

    private UserInputException Unknown(string location) => new(location,
        $"no registered store opens '{location}'; registered: {string.Join("; ", _providers.Reverse().Select(p => $"{p.Name} ({p.Locations})"))}");
}

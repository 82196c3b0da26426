using AgentFramework.Errors;
using AgentFramework.Registration;

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
    private readonly RegistrationList<IChunkIndexProvider> _providers;

    public ChunkIndexProviders(IEnumerable<IChunkIndexProvider> providers) => _providers = new(providers);

    /// <summary>The registry of callers without a DI container (the CLI): the built-in stores plus whatever is registered on it.</summary>
    public static ChunkIndexProviders Default { get; } = new(BuiltIn());

    /// <summary>New instances of the built-in providers, in registration order (SQLite, pgvector, in-memory).</summary>
    public static IReadOnlyList<IChunkIndexProvider> BuiltIn() =>
        [new SqliteChunkIndexProvider(), new PgVectorChunkIndexProvider(), new InMemoryChunkIndexProvider()];

    /// <summary>The providers in registration order.</summary>
    public IReadOnlyList<IChunkIndexProvider> Providers => _providers.Items;

    /// <summary>Adds a provider; it is asked before every provider registered earlier.</summary>
    public ChunkIndexProviders Register(IChunkIndexProvider provider)
    {
        _providers.Add(provider);
        return this;
    }

    /// <summary>The provider that opens <paramref name="location"/>, or null when none recognises it.</summary>
    public IChunkIndexProvider? Find(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return _providers.Newest(p => p.CanOpen(location));
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
        $"no registered store opens '{location}'; registered: {string.Join("; ", _providers.NewestFirst.Select(p => $"{p.Name} ({p.Locations})"))}");
}

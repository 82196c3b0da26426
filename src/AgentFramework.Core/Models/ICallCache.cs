namespace AgentFramework.Models;

/// <summary>
/// A persistent store of finished model calls keyed by a content hash of the request (see <see cref="CallCacheKey"/>),
/// so a re-run of an interrupted job replays the calls that had finished.
/// </summary>
public interface ICallCache
{
    /// <summary>The stored response for <paramref name="key"/>, or null when the call was never completed.</summary>
    ValueTask<CachedChatResponse?> TryGetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores a finished call atomically: readers see either nothing or the whole response.</summary>
    ValueTask SetAsync(string key, CachedChatResponse response, CancellationToken cancellationToken = default);

    /// <summary>Number of stored calls.</summary>
    ValueTask<long> CountAsync(CancellationToken cancellationToken = default);
}

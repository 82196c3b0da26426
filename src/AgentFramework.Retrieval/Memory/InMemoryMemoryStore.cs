using System.Collections.Concurrent;

namespace AgentFramework.Retrieval.Memory;

/// <summary>A process-lifetime <see cref="IMemoryStore"/> for library callers that do not persist (and for tests).</summary>
public sealed class InMemoryMemoryStore : IMemoryStore
{
    private readonly ConcurrentDictionary<(string, string), DocumentMemory> _memories = new();

    public Task<DocumentMemory?> LoadAsync(string documentId, string readerKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(_memories.TryGetValue((documentId, readerKey), out var m) ? m : null);

    public Task SaveAsync(DocumentMemory memory, CancellationToken cancellationToken = default)
    {
        _memories[(memory.DocumentId, memory.ReaderKey)] = memory;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string documentId, CancellationToken cancellationToken = default)
    {
        bool any = false;
        foreach (var key in _memories.Keys.Where(k => k.Item1 == documentId).ToList()) any |= _memories.TryRemove(key, out _);
        return Task.FromResult(any);
    }
}

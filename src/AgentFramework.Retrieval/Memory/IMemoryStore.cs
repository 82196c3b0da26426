namespace AgentFramework.Retrieval.Memory;

/// <summary>
/// Persists a document's memory stream so that later questions skip reading. Saving replaces what was stored under the
/// same (document id, reader key) atomically.
/// </summary>
public interface IMemoryStore
{
    Task<DocumentMemory?> LoadAsync(string documentId, string readerKey, CancellationToken cancellationToken = default);

    Task SaveAsync(DocumentMemory memory, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string documentId, CancellationToken cancellationToken = default);
}

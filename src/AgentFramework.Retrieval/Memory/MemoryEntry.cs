using AgentFramework.Citations;

namespace AgentFramework.Retrieval.Memory;

/// <summary>What wrote a memory entry: the reader observing a chunk, or a reflection over earlier entries.</summary>
public enum MemoryEntryKind { Observation, Reflection }

/// <summary>
/// One entry of a document's memory stream. Steps count the reader's progress (one per chunk read, one per question
/// asked afterwards), so recency is measured in steps since the entry was last used, not in wall-clock time.
/// </summary>
/// <param name="Id">Stable within the document's memory ("m0007").</param>
/// <param name="Citations">Spans of the document this entry is about (observations) or the union of its sources' spans (reflections).</param>
/// <param name="Importance">1–10 as rated by the model when the entry was written.</param>
/// <param name="Embedding">Vector of <see cref="Text"/> for relevance scoring.</param>
/// <param name="LastUsedStep">The last step the entry was shown to the model (written, retrieved into a prompt or used in an answer).</param>
/// <param name="SourceEntryIds">For reflections: the entries the insight was drawn from.</param>
public sealed record MemoryEntry(
    string Id,
    MemoryEntryKind Kind,
    string Text,
    IReadOnlyList<Citation> Citations,
    int Importance,
    float[] Embedding,
    int CreatedStep,
    int LastUsedStep,
    IReadOnlyList<string> SourceEntryIds);

/// <summary>
/// Everything a reader kept about one document: its entries, the running summary and the step counter. Stored under
/// (document id, reader key) so that a different model or reading configuration reads the document afresh.
/// </summary>
public sealed record DocumentMemory(
    string DocumentId,
    string ReaderKey,
    string RunningSummary,
    int Step,
    IReadOnlyList<MemoryEntry> Entries);

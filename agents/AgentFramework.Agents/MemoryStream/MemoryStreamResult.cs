using AgentFramework.Citations;
using AgentFramework.Tracing;

namespace AgentFramework.Agents.MemoryStream;

/// <summary>
/// An answer or summary from a document's memory. <see cref="ReadFromStore"/> is true when the memory was loaded from
/// the store, in which case the trace holds no "memory-stream/observe" calls.
/// </summary>
public sealed record MemoryStreamResult(
    string Text,
    IReadOnlyList<Citation> Citations,
    PipelineTrace Trace,
    bool ReadFromStore,
    IReadOnlyList<string> EntriesUsed);

/// <summary>Progress of reading: chunks done out of all, entries and reflections so far.</summary>
public sealed record ReadingProgress(int ChunksRead, int TotalChunks, int Entries, int Reflections);

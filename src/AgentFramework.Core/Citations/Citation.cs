namespace AgentFramework.Citations;

/// <summary>
/// A claim's source: a character span of a document and the exact text there, so a reader (or a test) can check
/// that <see cref="Quote"/> equals the document text at [<see cref="Start"/>, <see cref="End"/>).
/// </summary>
/// <param name="Document">The document's display name (path).</param>
/// <param name="ChunkId">The chunk the span was found in, when it came from one.</param>
public sealed record Citation(string Document, int Start, int End, string Quote, string? ChunkId = null);

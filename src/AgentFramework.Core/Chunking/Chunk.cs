namespace AgentFramework.Chunking;

/// <summary>
/// A piece of a document within a token budget. Invariant: <c>document.Text[Start..End] == Text</c>.
/// </summary>
/// <param name="Id">Deterministic: derived from the document id and the span, so re-chunking gives the same ids.</param>
/// <param name="Section">Section path (prose) or relative file path (code); null when the document has none.</param>
public sealed record Chunk(string Id, string DocumentId, int Index, int Start, int End, string Text, int TokenCount, string? Section);

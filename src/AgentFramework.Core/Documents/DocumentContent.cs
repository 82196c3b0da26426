namespace AgentFramework.Documents;

/// <summary>
/// What a single-format reader extracts from one file, before it becomes a <see cref="Document"/> (or one file of a
/// folder document). Offsets are into <see cref="Text"/>; segments name the file as the reader was told.
/// </summary>
public sealed record DocumentContent(
    string Text,
    DocumentKind Kind,
    IReadOnlyList<DocumentSection> Sections,
    IReadOnlyList<SourceSegment> Segments,
    IReadOnlyList<string> Warnings);

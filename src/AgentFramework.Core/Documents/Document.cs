namespace AgentFramework.Documents;

/// <summary>What a document was loaded from; decides how it is chunked (prose vs. source code).</summary>
public enum DocumentKind { PlainText, Markdown, Html, Pdf, Docx, SourceCode, Collection }

/// <summary>
/// A loaded document: its full text plus the structure found in it. Every character offset used anywhere in the
/// framework (chunks, hits, citations) is an offset into <see cref="Text"/>, and <see cref="SourceMap"/> turns such an
/// offset back into a file, page and line.
/// </summary>
/// <param name="Id">Content-addressed id (a hash of the text), stable across runs and machines.</param>
/// <param name="Name">Display name: the path as given, or "stdin".</param>
/// <param name="Sections">Headings with the span each one governs, in document order.</param>
/// <param name="Files">For folders: each file's relative path, language and span, in the stable order they appear in the text.</param>
/// <param name="Warnings">Non-fatal problems met while loading (invalid bytes replaced, files skipped).</param>
public sealed record Document(
    string Id,
    string Name,
    string Text,
    DocumentKind Kind,
    IReadOnlyList<DocumentSection> Sections,
    SourceMap SourceMap,
    IReadOnlyList<DocumentFile> Files,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Builds a plain document from a string (no sections), e.g. for tests and library callers.</summary>
    public static Document FromText(string text, string name = "text", DocumentKind kind = DocumentKind.PlainText) =>
        new(DocumentId.ForText(text), name, text, kind, [], SourceMap.SingleFile(name, text), [], []);
}

/// <summary>A heading and the span of text it governs ([Start, End) in the document text).</summary>
/// <param name="Path">Titles from the outermost heading down to this one, joined by " > ".</param>
public sealed record DocumentSection(string Title, int Level, int Start, int End, string Path);

/// <summary>One file of a folder document: its path relative to the folder root, language and span.</summary>
public sealed record DocumentFile(string RelativePath, string Language, int Start, int End);

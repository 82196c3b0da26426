namespace AgentFramework.Documents.Readers;

/// <summary>Plain text and source code: the decoded text as is, one segment, lines numbered from 1.</summary>
public sealed class PlainTextReader : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = SourceLanguages.KnownExtensions
        .Where(e => SourceLanguages.ForPath("x" + e) is not ("markdown" or "html" or "pdf" or "docx"))
        .Select(e => e.ToLowerInvariant()).ToArray();

    public bool ReadsBinary => false;

    public DocumentContent Read(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var decoded = TextDecoder.Decode(bytes, path);
        var kind = SourceLanguages.IsProse(SourceLanguages.ForPath(path)) ? DocumentKind.PlainText : DocumentKind.SourceCode;
        return new DocumentContent(decoded.Text, kind, [], [new SourceSegment(0, decoded.Text.Length, path, null, 1)], decoded.Warnings);
    }
}

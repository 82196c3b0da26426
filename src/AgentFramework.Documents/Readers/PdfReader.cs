using System.Text;
using AgentFramework.Errors;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace AgentFramework.Documents.Readers;

/// <summary>
/// PDF: the text layer of each page in reading order, pages separated by a blank line, one source segment per page
/// (so any offset maps back to its page number). A PDF without any text layer (a scan) is an error.
/// Flate streams are measured first (<see cref="PdfStreamScan"/>) so a decompression bomb is refused before parsing.
/// </summary>
public sealed class PdfReader(DocumentLimits? limits = null) : IDocumentReader
{
    private readonly DocumentLimits _limits = limits ?? new DocumentLimits();

    public IReadOnlyCollection<string> Extensions { get; } = [".pdf"];

    public bool ReadsBinary => true;

    public DocumentContent Read(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        PdfStreamScan.CheckInflatedSize(path, bytes, _limits, cancellationToken);
        var text = new StringBuilder();
        var segments = new List<SourceSegment>();
        try
        {
            using var pdf = PdfDocument.Open(bytes);
            foreach (var page in pdf.GetPages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (text.Length > 0) text.Append("\n\n");
                int start = text.Length;
                var pageText = TextDecoder.NormalizeLineEndings(ContentOrderTextExtractor.GetText(page)).TrimEnd();
                text.Append(pageText);
                _limits.CheckCharacters(path, text.Length);
                // The separator belongs to the page before it so segments stay contiguous.
                if (segments.Count > 0) segments[^1] = segments[^1] with { End = start };
                segments.Add(new SourceSegment(start, text.Length, path, page.Number, 1));
            }
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new DocumentLoadException(path, $"{path}: the PDF is encrypted; save a decrypted copy and load that", e);
        }
        // A malformed PDF can fail anywhere inside the parser; any such failure means the file is unreadable.
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException and not DocumentLoadException)
        {
            throw new DocumentLoadException(path, $"{path}: not a readable PDF ({e.Message}); check that the file is a complete PDF", e);
        }

        if (string.IsNullOrWhiteSpace(text.ToString()))
            throw new DocumentLoadException(path, $"{path}: the PDF has no text layer (scanned pages?); run OCR first (e.g. ocrmypdf) and load the result");
        return new DocumentContent(text.ToString(), DocumentKind.Pdf, [], segments, []);
    }
}

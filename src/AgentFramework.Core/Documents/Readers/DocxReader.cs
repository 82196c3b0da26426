using System.Text;
using System.Text.RegularExpressions;
using AgentFramework.Errors;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace AgentFramework.Documents.Readers;

/// <summary>
/// DOCX: each paragraph of the body (tables included) as a block separated by a blank line; paragraphs styled
/// Heading 1..9 (levels 1..9), Title (level 0, enclosing them) or with an outline level become sections. Line numbers refer to the extracted text.
/// </summary>
public sealed partial class DocxReader : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".docx"];

    public bool ReadsBinary => true;

    public DocumentContent Read(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var headings = new List<Heading>();
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var doc = WordprocessingDocument.Open(stream, false);
            var main = doc.MainDocumentPart;
            var body = main?.Document?.Body;
            if (body is not null)
            {
                var styleNames = main!.StyleDefinitionsPart?.Styles?.Elements<Style>()
                    .Where(s => s.StyleId?.Value is not null)
                    .GroupBy(s => s.StyleId!.Value!)
                    .ToDictionary(g => g.Key, g => g.First().StyleName?.Val?.Value ?? "") ?? [];
                foreach (var paragraph in body.Descendants<Paragraph>())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var paragraphText = ParagraphText(paragraph).Trim();
                    if (paragraphText.Length == 0) continue;
                    if (text.Length > 0) text.Append("\n\n");
                    if (HeadingLevel(paragraph, styleNames) is { } level)
                        headings.Add(new Heading(paragraphText.ReplaceLineEndings(" "), level, text.Length));
                    text.Append(paragraphText);
                }
            }
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException)
        {
            throw new DocumentLoadException(path, $"{path}: not a readable .docx file ({e.Message}); re-save it from Word or LibreOffice as .docx", e);
        }
        if (text.Length > 0) text.Append('\n');
        var result = text.ToString();
        return new DocumentContent(result, DocumentKind.Docx, SectionBuilder.Build(headings, result.Length),
            [new SourceSegment(0, result.Length, path, null, 1)], []);
    }

    private static string ParagraphText(Paragraph paragraph)
    {
        var sb = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t: sb.Append(t.Text); break;
                case TabChar: sb.Append('\t'); break;
                case Break or CarriageReturn: sb.Append('\n'); break;
            }
        }
        return TextDecoder.NormalizeLineEndings(sb.ToString());
    }

    private static int? HeadingLevel(Paragraph paragraph, Dictionary<string, string> styleNames)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.OutlineLevel?.Val?.Value is { } outline && outline < 9) return outline + 1;
        var styleId = properties?.ParagraphStyleId?.Val?.Value;
        if (styleId is null) return null;
        var name = styleNames.GetValueOrDefault(styleId, "");
        foreach (var candidate in new[] { styleId, name })
        {
            if (HeadingStyle().Match(candidate) is { Success: true } m) return int.Parse(m.Groups[1].Value);
            if (candidate.Equals("Title", StringComparison.OrdinalIgnoreCase)) return 0; // encloses the Heading 1 sections
        }
        return null;
    }

    [GeneratedRegex(@"^heading\s*([1-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingStyle();
}

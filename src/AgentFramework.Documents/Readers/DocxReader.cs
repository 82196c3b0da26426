using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using AgentFramework.Errors;

namespace AgentFramework.Documents.Readers;

/// <summary>
/// DOCX: each paragraph of the body (tables included) as a block separated by a blank line; paragraphs styled
/// Heading 1..9 (levels 1..9), Title (level 0, enclosing them) or with an outline level become sections. Line numbers refer to the extracted text.
/// The package is read as a stream (zip entries through <see cref="InflateLimitStream"/>, XML with <see cref="XmlReader"/>),
/// never as an object tree: a paragraph nested 100,000 levels deep costs a counter, not a stack frame, and the
/// limits on inflated bytes, characters, nesting and time hold.
/// </summary>
public sealed partial class DocxReader(DocumentLimits? limits = null) : IDocumentReader
{
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string R = "http://schemas.openxmlformats.org/package/2006/relationships";
    private readonly DocumentLimits _limits = limits ?? new DocumentLimits();

    public IReadOnlyCollection<string> Extensions { get; } = [".docx"];

    public bool ReadsBinary => true;

    public DocumentContent Read(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var headings = new List<Heading>();
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            long inflated = 0;
            Stream Open(ZipArchiveEntry entry) =>
                new InflateLimitStream(entry.Open(), path, _limits, () => inflated, n => inflated += n);

            var mainName = MainDocumentName(zip, Open, cancellationToken);
            var main = zip.GetEntry(mainName)
                ?? throw new InvalidDataException($"the package has no main document part '{mainName}'");
            var styles = zip.GetEntry(SiblingPart(mainName, "styles.xml")) is { } stylesEntry
                ? ReadStyleNames(Open(stylesEntry), cancellationToken) : [];
            using var stream = Open(main);
            ReadBody(path, stream, styles, text, headings, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
        {
            throw new DocumentLoadException(path, $"{path}: not a readable .docx file ({e.Message}); re-save it from Word or LibreOffice as .docx", e);
        }
        if (text.Length > 0) text.Append('\n');
        var result = text.ToString();
        return new DocumentContent(result, DocumentKind.Docx, SectionBuilder.Build(headings, result.Length),
            [new SourceSegment(0, result.Length, path, null, 1)], []);
    }

    private XmlReader CreateXmlReader(Stream stream) => XmlReader.Create(stream, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit, // no entity expansion bombs, no external entities
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    });

    private void ReadBody(string path, Stream stream, Dictionary<string, string> styles, StringBuilder text, List<Heading> headings, CancellationToken ct)
    {
        using var xml = CreateXmlReader(stream);
        var paragraph = new StringBuilder();
        int paragraphDepth = -1;      // XML depth of the outermost open <w:p>, -1 outside paragraphs
        int propertiesDepth = -1;     // depth of that paragraph's <w:pPr>
        int textDepth = -1, tabsDepth = -1;
        string? styleId = null;
        int? outline = null;
        long nodes = 0;
        while (xml.Read())
        {
            if ((++nodes & 0x3FF) == 0) ct.ThrowIfCancellationRequested();
            if (xml.Depth > _limits.Options.MaxNestingDepth) throw _limits.TooDeep(path);
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.NamespaceURI == W:
                    bool empty = xml.IsEmptyElement;
                    switch (xml.LocalName)
                    {
                        case "p" when paragraphDepth < 0 && !empty:
                            paragraphDepth = xml.Depth; paragraph.Clear(); styleId = null; outline = null;
                            break;
                        case "pPr" when paragraphDepth >= 0 && xml.Depth == paragraphDepth + 1 && !empty:
                            propertiesDepth = xml.Depth;
                            break;
                        case "pStyle" when propertiesDepth >= 0 && xml.Depth == propertiesDepth + 1:
                            styleId = xml.GetAttribute("val", W);
                            break;
                        case "outlineLvl" when propertiesDepth >= 0 && xml.Depth == propertiesDepth + 1:
                            outline = int.TryParse(xml.GetAttribute("val", W), out var level) ? level : null;
                            break;
                        case "tabs" when !empty:
                            tabsDepth = tabsDepth < 0 ? xml.Depth : tabsDepth;
                            break;
                        case "t" when paragraphDepth >= 0 && !empty:
                            textDepth = xml.Depth;
                            break;
                        case "tab" when paragraphDepth >= 0 && tabsDepth < 0:
                            Append(path, paragraph, text, "\t");
                            break;
                        case "br" or "cr" when paragraphDepth >= 0:
                            Append(path, paragraph, text, "\n");
                            break;
                    }
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when textDepth >= 0:
                    Append(path, paragraph, text, xml.Value);
                    break;
                case XmlNodeType.EndElement when xml.NamespaceURI == W:
                    if (xml.Depth == textDepth) textDepth = -1;
                    else if (xml.Depth == tabsDepth) tabsDepth = -1;
                    else if (xml.Depth == propertiesDepth) propertiesDepth = -1;
                    else if (xml.Depth == paragraphDepth && xml.LocalName == "p")
                    {
                        paragraphDepth = -1;
                        EndParagraph(paragraph, text, headings, HeadingLevel(styleId, outline, styles));
                    }
                    break;
            }
        }
    }

    private void Append(string path, StringBuilder paragraph, StringBuilder text, string value)
    {
        paragraph.Append(value);
        _limits.CheckCharacters(path, (long)text.Length + paragraph.Length);
    }

    private static void EndParagraph(StringBuilder paragraph, StringBuilder text, List<Heading> headings, int? level)
    {
        var paragraphText = TextDecoder.NormalizeLineEndings(paragraph.ToString()).Trim();
        paragraph.Clear();
        if (paragraphText.Length == 0) return;
        if (text.Length > 0) text.Append("\n\n");
        if (level is { } l) headings.Add(new Heading(paragraphText.ReplaceLineEndings(" "), l, text.Length));
        text.Append(paragraphText);
    }

    /// <summary>The main part named by the package relationships (_rels/.rels), word/document.xml when none is.</summary>
    private string MainDocumentName(ZipArchive zip, Func<ZipArchiveEntry, Stream> open, CancellationToken ct)
    {
        const string fallback = "word/document.xml";
        if (zip.GetEntry("_rels/.rels") is not { } rels) return fallback;
        using var xml = CreateXmlReader(open(rels));
        while (xml.Read())
        {
            ct.ThrowIfCancellationRequested();
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.NamespaceURI == R
                && xml.GetAttribute("Type") is { } type && type.EndsWith("/officeDocument", StringComparison.Ordinal)
                && xml.GetAttribute("Target") is { Length: > 0 } target)
                return target.TrimStart('/');
        }
        return fallback;
    }

    private static string SiblingPart(string partName, string fileName)
    {
        int slash = partName.LastIndexOf('/');
        return slash < 0 ? fileName : partName[..(slash + 1)] + fileName;
    }

    /// <summary>Style id → display name ("Heading1" → "heading 1"), for documents whose style ids are localised.</summary>
    private Dictionary<string, string> ReadStyleNames(Stream stream, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        using var xml = CreateXmlReader(stream);
        string? currentId = null;
        int styleDepth = -1;
        while (xml.Read())
        {
            ct.ThrowIfCancellationRequested();
            if (xml.NodeType == XmlNodeType.Element && xml.NamespaceURI == W)
            {
                if (xml.LocalName == "style" && !xml.IsEmptyElement) { currentId = xml.GetAttribute("styleId", W); styleDepth = xml.Depth; }
                else if (xml.LocalName == "name" && currentId is not null && xml.Depth == styleDepth + 1)
                    names.TryAdd(currentId, xml.GetAttribute("val", W) ?? "");
            }
            else if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == styleDepth) { currentId = null; styleDepth = -1; }
        }
        return names;
    }

    private static int? HeadingLevel(string? styleId, int? outline, Dictionary<string, string> styleNames)
    {
        if (outline is { } o && o is >= 0 and < 9) return o + 1;
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

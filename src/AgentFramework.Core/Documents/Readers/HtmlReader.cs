using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace AgentFramework.Documents.Readers;

/// <summary>
/// HTML: the visible text of the body (no script, style, template or hidden elements), with block elements on
/// their own lines and <c>h1</c>–<c>h6</c> as sections. Line numbers refer to the extracted text.
/// </summary>
public sealed class HtmlReader : IDocumentReader
{
    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase)
        { "script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "canvas", "iframe", "object" };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "header", "footer", "main", "nav", "aside", "ul", "ol", "li", "table", "tr",
        "thead", "tbody", "tfoot", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dl", "dt", "dd",
        "figure", "figcaption", "form", "address", "fieldset", "details", "summary", "caption",
    };

    public IReadOnlyCollection<string> Extensions { get; } = [".html", ".htm", ".xhtml"];

    public bool ReadsBinary => false;

    public DocumentContent Read(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var decoded = DecodeHtml(bytes, path);
        var document = new HtmlParser().ParseDocument(decoded.Text);
        var writer = new VisibleTextWriter();
        var root = (INode?)document.Body ?? document.DocumentElement;
        if (root is not null) Walk(root, writer, preformatted: false);
        var text = writer.ToString();
        return new DocumentContent(text, DocumentKind.Html, SectionBuilder.Build(writer.Headings, text.Length),
            [new SourceSegment(0, text.Length, path, null, 1)], decoded.Warnings);
    }

    /// <summary>BOM first, then the file's meta charset, then UTF-8; an unknown charset is a warning, not an error.</summary>
    private static DecodedText DecodeHtml(byte[] bytes, string path)
    {
        var label = HtmlCharset.Declared(bytes);
        if (label is null) return TextDecoder.Decode(bytes, path);
        var encoding = HtmlCharset.Resolve(label);
        var decoded = TextDecoder.Decode(bytes, path, encoding);
        return encoding is not null ? decoded
            : decoded with { Warnings = [.. decoded.Warnings, $"{path}: unknown charset \"{label}\" declared; read as UTF-8"] };
    }

    private static void Walk(INode node, VisibleTextWriter writer, bool preformatted)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    writer.WriteText(text.Data, preformatted);
                    break;
                case IElement element:
                    var tag = element.LocalName;
                    if (Invisible.Contains(tag) || element.HasAttribute("hidden") || IsDisplayNone(element)) break;
                    if (tag == "br") { writer.Break(1); break; }
                    bool block = Blocks.Contains(tag);
                    if (block) writer.Break(tag is "li" or "tr" or "dt" or "dd" ? 1 : 2);
                    if (tag.Length == 2 && tag[0] == 'h' && tag[1] is >= '1' and <= '6')
                    {
                        var title = string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                        if (title.Length > 0) writer.BeginHeading(title, tag[1] - '0');
                    }
                    if (tag is "td" or "th" && element.PreviousElementSibling is not null) writer.WriteText("\t", preformatted: true);
                    Walk(element, writer, preformatted || tag == "pre");
                    if (block) writer.Break(tag is "li" or "tr" or "dt" or "dd" ? 1 : 2);
                    break;
            }
        }
    }

    private static bool IsDisplayNone(IElement element) =>
        element.GetAttribute("style") is { } style &&
        style.Replace(" ", "", StringComparison.Ordinal).Contains("display:none", StringComparison.OrdinalIgnoreCase);

    /// <summary>Collapses whitespace like a browser and places line breaks between blocks.</summary>
    private sealed class VisibleTextWriter
    {
        private readonly System.Text.StringBuilder _text = new();
        private int _pendingBreak;   // 0 none, 1 newline, 2 blank line
        private bool _pendingSpace;
        private (string Title, int Level)? _pendingHeading;

        public List<Heading> Headings { get; } = [];

        public void Break(int lines)
        {
            _pendingBreak = Math.Max(_pendingBreak, lines);
            _pendingSpace = false;
        }

        public void BeginHeading(string title, int level) => _pendingHeading = (title, level);

        public void WriteText(string data, bool preformatted)
        {
            if (preformatted)
            {
                if (data.Length == 0) return;
                Flush();
                _text.Append(TextDecoder.NormalizeLineEndings(data));
                return;
            }
            bool leading = data.Length > 0 && char.IsWhiteSpace(data[0]);
            bool trailing = data.Length > 0 && char.IsWhiteSpace(data[^1]);
            var words = data.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) { if (data.Length > 0) _pendingSpace = true; return; }
            if (leading) _pendingSpace = true;
            Flush();
            _text.Append(string.Join(' ', words));
            _pendingSpace = trailing;
        }

        private void Flush()
        {
            if (_text.Length > 0)
            {
                if (_pendingBreak > 0) _text.Append('\n', _pendingBreak);
                else if (_pendingSpace) _text.Append(' ');
            }
            _pendingBreak = 0;
            _pendingSpace = false;
            if (_pendingHeading is { } h)
            {
                Headings.Add(new Heading(h.Title, h.Level, _text.Length));
                _pendingHeading = null;
            }
        }

        public override string ToString() => _text.Length == 0 ? "" : _text.ToString() + "\n";
    }
}

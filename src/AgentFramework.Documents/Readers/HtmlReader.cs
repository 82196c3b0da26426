using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;

namespace AgentFramework.Documents.Readers;

/// <summary>
/// HTML: the visible text of the body (no script, style, template or hidden elements), with block elements on
/// their own lines and <c>h1</c>–<c>h6</c> as sections. Line numbers refer to the extracted text.
/// Reads the token stream (AngleSharp's tokenizer) with a stack of open elements and the common implied end tags
/// (<c>p</c>, <c>li</c>, <c>dt</c>/<c>dd</c>, table rows and cells) instead of building a DOM: time is linear in the
/// input and nesting deeper than <see cref="DocumentLoaderOptions.MaxNestingDepth"/> is refused (a tree builder is
/// super-linear on 10,000 nested elements and a recursive walk of its tree can overflow the stack).
/// </summary>
public sealed class HtmlReader(DocumentLimits? limits = null) : IDocumentReader
{
    private static readonly HashSet<string> Invisible = new(StringComparer.Ordinal)
        { "script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "canvas", "iframe", "object", "math" };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "header", "footer", "main", "nav", "aside", "ul", "ol", "li", "table", "tr",
        "thead", "tbody", "tfoot", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dl", "dt", "dd",
        "figure", "figcaption", "form", "address", "fieldset", "details", "summary", "caption",
    };

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
        { "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr" };

    private readonly DocumentLimits _limits = limits ?? new DocumentLimits();

    public IReadOnlyCollection<string> Extensions { get; } = [".html", ".htm", ".xhtml"];

    public bool ReadsBinary => false;

    public DocumentContent Read(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var decoded = DecodeHtml(bytes, path);
        var writer = new HtmlTextWriter(path, _limits);
        new Walk(path, _limits, writer, new HtmlTokenizer(new TextSource(decoded.Text), HtmlEntityProvider.Resolver)).Run(cancellationToken);
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

    private static int BreakLines(string tag) => tag is "li" or "tr" or "dt" or "dd" ? 1 : 2;

    private sealed record Frame(string Name, bool Visible, bool Hidden, bool Pre, bool Foreign, bool Heading)
    {
        public int Children { get; set; }
    }

    /// <summary>One pass over the tokens; all state is on the heap, nothing recurses.</summary>
    private sealed class Walk(string path, DocumentLimits limits, HtmlTextWriter writer, HtmlTokenizer tokenizer)
    {
        private readonly List<Frame> _stack = [];
        private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);
        private int _hidden, _pre, _foreign, _rootChildren;
        private bool _afterPreStart;

        public void Run(CancellationToken ct)
        {
            for (long n = 1; ; n++)
            {
                if ((n & 0x3FF) == 0) ct.ThrowIfCancellationRequested();
                var token = tokenizer.Get();
                switch (token.Type)
                {
                    case HtmlTokenType.EndOfFile:
                        while (_stack.Count > 0) Pop();
                        return;
                    case HtmlTokenType.Character:
                        var data = token.Data;
                        if (_afterPreStart && data.StartsWith('\n')) data = data[1..]; // as parsers do after <pre>
                        _afterPreStart = false;
                        if (_hidden == 0) writer.WriteText(data, _pre > 0);
                        break;
                    case HtmlTokenType.StartTag:
                        _afterPreStart = false;
                        Start((HtmlTagToken)token);
                        break;
                    case HtmlTokenType.EndTag:
                        _afterPreStart = false;
                        End(token.Name);
                        break;
                }
            }
        }

        private void Start(HtmlTagToken tag)
        {
            var name = tag.Name;
            if (name is "html") return;
            if (name is "body") { while (_stack.Count > 0) Pop(); return; } // closes an unclosed <head>
            if (_foreign == 0) SetTokenizerMode(name);
            CloseImplied(name);

            var parent = _stack.Count > 0 ? _stack[^1] : null;
            bool hasPreviousSibling = (parent?.Children ?? _rootChildren) > 0;
            if (parent is null) _rootChildren++; else parent.Children++;
            bool visible = _hidden == 0;
            bool hidden = Invisible.Contains(name) || tag.GetAttribute("hidden") is { Length: > 0 } || HasAttribute(tag, "hidden") || IsDisplayNone(tag);

            if (Void.Contains(name) || (tag.IsSelfClosing && _foreign > 0))
            {
                if (visible && !hidden && name is "br") writer.Break(1);
                else if (visible && !hidden && name is "hr") writer.Break(2);
                return;
            }
            if (_stack.Count >= limits.Options.MaxNestingDepth) throw limits.TooDeep(path);

            bool frameVisible = visible && !hidden;
            bool heading = frameVisible && !writer.InHeading && name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6';
            var frame = new Frame(name, frameVisible, hidden, name is "pre" or "listing" or "textarea", name is "svg" or "math", heading);
            _stack.Add(frame);
            _open[name] = _open.GetValueOrDefault(name) + 1;
            if (hidden) _hidden++;
            if (frame.Pre) { _pre++; _afterPreStart = true; }
            if (frame.Foreign) _foreign++;
            if (!frameVisible) return;
            if (Blocks.Contains(name)) writer.Break(BreakLines(name));
            if (heading) writer.BeginHeading(name[1] - '0');
            if (name is "td" or "th" && hasPreviousSibling) writer.WriteText("\t", preformatted: true);
        }

        private void End(string name)
        {
            if (name is "br") { if (_hidden == 0) writer.Break(1); return; }
            if (name is "html" or "body" || _open.GetValueOrDefault(name) == 0) return;
            while (_stack.Count > 0 && Pop() != name) { }
        }

        private string Pop()
        {
            var frame = _stack[^1];
            _stack.RemoveAt(_stack.Count - 1);
            _open[frame.Name]--;
            if (frame.Hidden) _hidden--;
            if (frame.Pre) _pre--;
            if (frame.Foreign) _foreign--;
            if (frame.Visible)
            {
                if (frame.Heading) writer.EndHeading();
                if (Blocks.Contains(frame.Name)) writer.Break(BreakLines(frame.Name));
            }
            return frame.Name;
        }

        /// <summary>The end tags HTML implies when a new element starts (a new paragraph, item, row or cell).</summary>
        private void CloseImplied(string name)
        {
            switch (name)
            {
                case "li": CloseOpen(["li"], ["ul", "ol", "table"]); break;
                case "dt" or "dd": CloseOpen(["dt", "dd"], ["dl", "table"]); break;
                case "tr": CloseOpen(["tr"], ["table"]); break;
                case "td" or "th": CloseOpen(["td", "th"], ["tr", "table"]); break;
                case "option": CloseOpen(["option"], ["select"]); break;
            }
            if (name == "p" || Blocks.Contains(name)) CloseOpen(["p"], ["table", "td", "th", "button", "caption", "object", "template"]);
        }

        private void CloseOpen(string[] targets, string[] boundaries)
        {
            if (!targets.Any(t => _open.GetValueOrDefault(t) > 0)) return;
            for (int i = _stack.Count - 1; i >= 0; i--)
            {
                var current = _stack[i].Name;
                if (targets.Contains(current)) { while (_stack.Count > i) Pop(); return; }
                if (boundaries.Contains(current)) return;
            }
        }

        private void SetTokenizerMode(string name)
        {
            switch (name)
            {
                case "script": tokenizer.State = HtmlParseMode.Script; break;
                case "style" or "xmp" or "iframe" or "noembed" or "noframes": tokenizer.State = HtmlParseMode.Rawtext; break;
                case "textarea" or "title": tokenizer.State = HtmlParseMode.RCData; break;
                case "plaintext": tokenizer.State = HtmlParseMode.Plaintext; break;
            }
        }

        private static bool HasAttribute(HtmlTagToken tag, string name)
        {
            foreach (var attribute in tag.Attributes)
                if (attribute.Name == name) return true;
            return false;
        }

        private static bool IsDisplayNone(HtmlTagToken tag) =>
            tag.GetAttribute("style") is { Length: > 0 } style &&
            style.Replace(" ", "", StringComparison.Ordinal).Contains("display:none", StringComparison.OrdinalIgnoreCase);
    }
}

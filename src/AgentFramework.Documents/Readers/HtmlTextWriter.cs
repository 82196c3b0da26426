using System.Text;

namespace AgentFramework.Documents.Readers;

/// <summary>Collapses whitespace like a browser, places line breaks between blocks and records headings.</summary>
internal sealed class HtmlTextWriter(string path, DocumentLimits limits)
{
    private readonly StringBuilder _text = new();
    private int _pendingBreak;   // 0 none, 1 newline, 2 blank line
    private bool _pendingSpace;
    private StringBuilder? _headingTitle;
    private int _headingLevel, _headingStart = -1;

    public List<Heading> Headings { get; } = [];

    public bool InHeading => _headingTitle is not null;

    public void Break(int lines)
    {
        _pendingBreak = Math.Max(_pendingBreak, lines);
        _pendingSpace = false;
    }

    public void BeginHeading(int level)
    {
        _headingTitle = new StringBuilder();
        _headingLevel = level;
        _headingStart = -1;
    }

    public void EndHeading()
    {
        if (_headingTitle is null) return;
        var title = string.Join(' ', _headingTitle.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (title.Length > 0 && _headingStart >= 0) Headings.Add(new Heading(title, _headingLevel, _headingStart));
        _headingTitle = null;
    }

    public void WriteText(string data, bool preformatted)
    {
        if (_headingTitle is not null && _headingTitle.Length < 4096) _headingTitle.Append(data);
        if (preformatted)
        {
            if (data.Length == 0) return;
            Flush();
            Append(TextDecoder.NormalizeLineEndings(data));
            return;
        }
        bool leading = data.Length > 0 && char.IsWhiteSpace(data[0]);
        bool trailing = data.Length > 0 && char.IsWhiteSpace(data[^1]);
        var words = data.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) { if (data.Length > 0) _pendingSpace = true; return; }
        if (leading) _pendingSpace = true;
        Flush();
        Append(string.Join(' ', words));
        _pendingSpace = trailing;
    }

    private void Append(string value)
    {
        _text.Append(value);
        limits.CheckCharacters(path, _text.Length);
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
        if (_headingTitle is not null && _headingStart < 0) _headingStart = _text.Length;
    }

    public override string ToString() => _text.Length == 0 ? "" : _text.ToString() + "\n";
}

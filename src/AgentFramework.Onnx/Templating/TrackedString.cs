using System.Text;

namespace AgentFramework.Onnx.Templating;

/// <summary>
/// A template string value that remembers which of its characters came from message content (untrusted text).
/// Concatenation, slicing and stripping keep the marks per character; operations whose output cannot be mapped back
/// (tojson, upper, replace) mark the whole result as content when any input character was content, so untrusted
/// text never loses its mark on its way to the tokenizer.
/// </summary>
internal sealed class TrackedString : IEquatable<TrackedString>, IComparable<TrackedString>
{
    public static readonly TrackedString Empty = new("");

    private readonly bool[]? _content;

    public TrackedString(string text, bool isContent = false)
    {
        Text = text;
        if (isContent && text.Length > 0) _content = Enumerable.Repeat(true, text.Length).ToArray();
    }

    private TrackedString(string text, bool[]? content)
    {
        Text = text;
        _content = content is not null && Array.IndexOf(content, true) >= 0 ? content : null;
    }

    public string Text { get; }

    public int Length => Text.Length;

    /// <summary>Whether any character came from message content.</summary>
    public bool HasContent => _content is not null;

    public bool IsContentAt(int index) => _content is not null && _content[index];

    /// <summary>A result derived from <paramref name="sources"/> in a way that cannot be traced per character.</summary>
    public static TrackedString Derived(string text, params TrackedString?[] sources) =>
        new(text, sources.Any(s => s?.HasContent == true));

    public static TrackedString Concat(TrackedString a, TrackedString b)
    {
        if (a.Length == 0) return b;
        if (b.Length == 0) return a;
        bool[]? marks = null;
        if (a.HasContent || b.HasContent)
        {
            marks = new bool[a.Length + b.Length];
            a._content?.CopyTo(marks, 0);
            b._content?.CopyTo(marks, a.Length);
        }
        return new TrackedString(a.Text + b.Text, marks);
    }

    public TrackedString Substring(int start, int length) =>
        start == 0 && length == Length ? this : new(Text.Substring(start, length), _content?.AsSpan(start, length).ToArray());

    /// <summary>Characters at the given indexes, in order (Python slicing with a step).</summary>
    public TrackedString Pick(IEnumerable<int> indexes)
    {
        var text = new StringBuilder();
        var marks = new List<bool>();
        foreach (var i in indexes) { text.Append(Text[i]); marks.Add(IsContentAt(i)); }
        return new TrackedString(text.ToString(), marks.ToArray());
    }

    /// <summary>Python str.strip/lstrip/rstrip: with no characters given, Unicode whitespace.</summary>
    public TrackedString Strip(string? chars, bool left, bool right)
    {
        int start = 0, end = Length;
        bool Strippable(char c) => chars is null ? PythonText.IsSpace(c) : chars.Contains(c);
        if (left) while (start < end && Strippable(Text[start])) start++;
        if (right) while (end > start && Strippable(Text[end - 1])) end--;
        return Substring(start, end - start);
    }

    /// <summary>Python str.split: by runs of whitespace when <paramref name="separator"/> is null.</summary>
    public List<object?> Split(string? separator, int maxSplit)
    {
        var parts = new List<object?>();
        if (separator is null)
        {
            int i = 0;
            while (i < Length)
            {
                while (i < Length && PythonText.IsSpace(Text[i])) i++;
                if (i >= Length) break;
                if (maxSplit >= 0 && parts.Count == maxSplit) { parts.Add(Substring(i, Length - i)); return parts; }
                int start = i;
                while (i < Length && !PythonText.IsSpace(Text[i])) i++;
                parts.Add(Substring(start, i - start));
            }
            return parts;
        }
        if (separator.Length == 0) throw new JinjaException("split: empty separator");
        int from = 0;
        while (maxSplit < 0 || parts.Count < maxSplit)
        {
            int at = Text.IndexOf(separator, from, StringComparison.Ordinal);
            if (at < 0) break;
            parts.Add(Substring(from, at - from));
            from = at + separator.Length;
        }
        parts.Add(Substring(from, Length - from));
        return parts;
    }

    /// <summary>Appends this string's text and marks to an output under construction.</summary>
    internal void AppendTo(StringBuilder text, List<bool> marks)
    {
        text.Append(Text);
        if (_content is null) marks.AddRange(Enumerable.Repeat(false, Length));
        else marks.AddRange(_content);
    }

    public bool Equals(TrackedString? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is TrackedString s && Equals(s);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public int CompareTo(TrackedString? other) => string.CompareOrdinal(Text, other?.Text);

    public override string ToString() => Text;
}

/// <summary>Python's notion of whitespace (str.isspace), which str.strip() and Jinja's trim use.</summary>
internal static class PythonText
{
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';
}

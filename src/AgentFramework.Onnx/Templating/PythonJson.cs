using System.Globalization;
using System.Text;
using AgentFramework.Serialization;

namespace AgentFramework.Onnx.Templating;

/// <summary>
/// Python's json.dumps as transformers' tojson filter calls it (ensure_ascii=False by default): ", " and ": "
/// separators, or "," and newline-indented items with indent=N; Python's float formatting and string escapes.
/// </summary>
internal static class PythonJson
{
    public static string Dumps(object? value, int? indent, bool sortKeys, List<object?>? separators, bool ensureAscii)
    {
        string itemSeparator = indent is null ? ", " : ",", keySeparator = ": ";
        if (separators is [var item, var key]) { itemSeparator = JinjaValues.Str(item); keySeparator = JinjaValues.Str(key); }
        var b = new StringBuilder();
        Write(b, value, indent, 0, sortKeys, itemSeparator, keySeparator, ensureAscii);
        return b.ToString();
    }

    private static void Write(StringBuilder b, object? v, int? indent, int depth, bool sortKeys, string itemSep, string keySep, bool ascii)
    {
        switch (v)
        {
            case null or JinjaUndefined: b.Append("null"); return;
            case bool x: b.Append(x ? "true" : "false"); return;
            case long l: b.Append(l.ToString(CultureInfo.InvariantCulture)); return;
            case double d:
                b.Append(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : JinjaValues.FormatFloat(d));
                return;
            case TrackedString s: WriteString(b, s.Text, ascii); return;
            case JinjaNamespace ns: Write(b, ns.Attributes, indent, depth, sortKeys, itemSep, keySep, ascii); return;
            case List<object?> list:
                WriteContainer(b, '[', ']', list.Count, indent, depth, itemSep, i => Write(b, list[i], indent, depth + 1, sortKeys, itemSep, keySep, ascii));
                return;
            case Dictionary<string, object?> dict:
            {
                var pairs = sortKeys ? dict.OrderBy(p => p.Key, StringComparer.Ordinal).ToList() : dict.ToList();
                WriteContainer(b, '{', '}', pairs.Count, indent, depth, itemSep, i =>
                {
                    WriteString(b, pairs[i].Key, ascii);
                    b.Append(keySep);
                    Write(b, pairs[i].Value, indent, depth + 1, sortKeys, itemSep, keySep, ascii);
                });
                return;
            }
            default: throw new JinjaException($"Object of type {JinjaValues.TypeName(v)} is not JSON serializable");
        }
    }

    private static void WriteContainer(StringBuilder b, char open, char close, int count, int? indent, int depth, string itemSep, Action<int> item)
    {
        b.Append(open);
        if (count == 0) { b.Append(close); return; }
        for (int i = 0; i < count; i++)
        {
            if (i > 0) b.Append(itemSep);
            if (indent is { } n) b.Append('\n').Append(' ', n * (depth + 1));
            item(i);
        }
        if (indent is { } m) b.Append('\n').Append(' ', m * depth);
        b.Append(close);
    }

    private static void WriteString(StringBuilder b, string s, bool ascii) => PythonJsonString.Append(b, s, ascii);
}

/// <summary>Python's datetime.strftime for the directives chat templates use (%d %b %Y %B %m %H %M %S ...).</summary>
internal static class PythonStrftime
{
    public static string Format(DateTime t, string format)
    {
        var b = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length) { b.Append(format[i]); continue; }
            char d = format[++i];
            b.Append(d switch
            {
                'd' => t.Day.ToString("00", inv),
                '-' when i + 1 < format.Length && format[i + 1] == 'd' => (++i > 0 ? t.Day : 0).ToString(inv),
                'e' => t.Day.ToString(inv).PadLeft(2),
                'm' => t.Month.ToString("00", inv),
                'Y' => t.Year.ToString("0000", inv),
                'y' => (t.Year % 100).ToString("00", inv),
                'b' => t.ToString("MMM", inv),
                'B' => t.ToString("MMMM", inv),
                'a' => t.ToString("ddd", inv),
                'A' => t.ToString("dddd", inv),
                'H' => t.Hour.ToString("00", inv),
                'I' => (t.Hour % 12 == 0 ? 12 : t.Hour % 12).ToString("00", inv),
                'p' => t.Hour < 12 ? "AM" : "PM",
                'M' => t.Minute.ToString("00", inv),
                'S' => t.Second.ToString("00", inv),
                'j' => t.DayOfYear.ToString("000", inv),
                '%' => "%",
                _ => "%" + d,
            });
        }
        return b.ToString();
    }
}

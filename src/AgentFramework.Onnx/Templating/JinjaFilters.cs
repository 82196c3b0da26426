using System.Globalization;
using static AgentFramework.Onnx.Templating.JinjaValues;

namespace AgentFramework.Onnx.Templating;

/// <summary>The filters chat templates use, and Python's str/dict methods (strip, startswith, split, items, get, ...).</summary>
internal static partial class JinjaBuiltins
{
    public static object? ApplyFilter(string name, object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        object? Arg(int i, string key, object? fallback = null) => i < args.Count ? args[i] : kwargs.TryGetValue(key, out var v) ? v : fallback;
        switch (name)
        {
            case "trim": return ToTracked(value).Strip(Arg(0, "chars") is TrackedString c ? c.Text : null, true, true);
            case "length" or "count": return Length(value);
            case "string": return ToTracked(value);
            case "list": return Iterate(value).ToList();
            case "safe": return value;
            case "first": return Iterate(value).FirstOrDefault(new JinjaUndefined("first"));
            case "last": return value is List<object?> { Count: > 0 } lastList ? lastList[^1] : Iterate(value).LastOrDefault(new JinjaUndefined("last"));
            case "default" or "d":
            {
                bool boolean = Truthy(Arg(1, "boolean", false));
                return value is JinjaUndefined || (boolean && !Truthy(value)) ? Arg(0, "default_value", TrackedString.Empty) : value;
            }
            case "join":
            {
                var separator = Arg(0, "d", TrackedString.Empty) is TrackedString sep ? sep : ToTracked(Arg(0, "d"));
                var attribute = Arg(1, "attribute");
                var result = TrackedString.Empty;
                bool first = true;
                foreach (var item in Iterate(value))
                {
                    if (!first) result = TrackedString.Concat(result, separator);
                    result = TrackedString.Concat(result, ToTracked(attribute is null ? item : GetItem(item, attribute, 0)));
                    first = false;
                }
                return result;
            }
            case "upper": return Restyle(value, s => s.ToUpperInvariant());
            case "lower": return Restyle(value, s => s.ToLowerInvariant());
            case "capitalize": return Restyle(value, s => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant());
            case "title": return Restyle(value, s => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s.ToLowerInvariant()));
            case "replace":
            {
                var s = ToTracked(value);
                var old = Str(Arg(0, "old")); var replacement = ToTracked(Arg(1, "new"));
                long count = Arg(2, "count") is { } n ? ToLong(n) : -1;
                return ReplaceTracked(s, old, replacement, count);
            }
            case "tojson":
                return TrackedString.Derived(PythonJson.Dumps(value, Arg(0, "indent") is { } ind ? (int)ToLong(ind) : null,
                    Truthy(Arg(1, "sort_keys", false)), Arg(2, "separators") as List<object?>, Truthy(Arg(3, "ensure_ascii", false))),
                    ContentSources(value).ToArray());
            case "items": return value is Dictionary<string, object?> d ? Items(d) : value is JinjaUndefined ? new List<object?>() : throw new JinjaException($"items: expected a mapping, got {TypeName(value)}");
            case "dictsort":
                return value is Dictionary<string, object?> ds ? Items(ds).OrderBy(p => ((List<object?>)p!)[0] is TrackedString k ? k.Text : "", StringComparer.OrdinalIgnoreCase).ToList() : throw new JinjaException("dictsort: expected a mapping");
            case "selectattr" or "rejectattr":
            {
                bool keep = name == "selectattr";
                var attribute = Arg(0, "attr") ?? throw new JinjaException($"{name} needs an attribute");
                var test = args.Count > 1 ? Str(args[1]) : null;
                return Iterate(value).Where(item =>
                {
                    var v = GetAttributePath(item, Str(attribute));
                    bool ok = test is null ? Truthy(v) : ApplyTest(test, v, args.Skip(2).ToList());
                    return ok == keep;
                }).ToList();
            }
            case "select" or "reject":
            {
                bool keep = name == "select";
                var test = args.Count > 0 ? Str(args[0]) : null;
                return Iterate(value).Where(item => (test is null ? Truthy(item) : ApplyTest(test, item, args.Skip(1).ToList())) == keep).ToList();
            }
            case "map":
                if (kwargs.TryGetValue("attribute", out var attr))
                    return Iterate(value).Select(item => GetAttributePath(item, Str(attr)) is JinjaUndefined && kwargs.TryGetValue("default", out var def) ? def : GetAttributePath(item, Str(attr))).ToList();
                if (args.Count == 0) throw new JinjaException("map needs a filter name or attribute=");
                return Iterate(value).Select(item => ApplyFilter(Str(args[0]), item, args.Skip(1).ToList(), kwargs)).ToList();
            case "unique":
            {
                var result = new List<object?>();
                foreach (var item in Iterate(value)) if (!result.Any(r => AreEqual(r, item))) result.Add(item);
                return result;
            }
            case "reverse": return value is TrackedString rs ? Slice(rs, null, null, -1L) : Iterate(value).Reverse().ToList();
            case "sort":
            {
                var attribute = Arg(2, "attribute");
                var items = Iterate(value).ToList();
                items.Sort((a, b) => Compare(attribute is null ? a : GetAttributePath(a, Str(attribute)), attribute is null ? b : GetAttributePath(b, Str(attribute))));
                if (Truthy(Arg(0, "reverse", false))) items.Reverse();
                return items;
            }
            case "int": return value switch { long l => l, double dbl => (long)dbl, bool b => b ? 1L : 0L, TrackedString s when long.TryParse(s.Text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p, _ => Arg(0, "default", 0L) };
            case "float": return value switch { long l => (double)l, double dbl => dbl, TrackedString s when double.TryParse(s.Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) => p, _ => Arg(0, "default", 0.0) };
            case "abs": return value switch { long l => (object)Math.Abs(l), double dbl => Math.Abs(dbl), _ => throw new JinjaException("abs: expected a number") };
            case "round": return Math.Round(ToDouble(value), (int)(Arg(0, "precision") is { } p2 ? ToLong(p2) : 0), MidpointRounding.ToEven);
            case "sum": return Iterate(value).Aggregate((object?)0L, (acc, x) => Binary("+", acc, x));
            case "min": return Iterate(value).Aggregate((a, b) => Compare(a, b) <= 0 ? a : b);
            case "max": return Iterate(value).Aggregate((a, b) => Compare(a, b) >= 0 ? a : b);
            case "indent":
            {
                int width = Arg(0, "width") is { } w ? (int)ToLong(w) : 4;
                bool indentFirst = Truthy(Arg(1, "first", false)), blank = Truthy(Arg(2, "blank", false));
                var s = ToTracked(value);
                var pad = new string(' ', width);
                var lines = s.Text.Split('\n');
                var text = string.Join("\n", lines.Select((line, i) => (i == 0 && !indentFirst) || (!blank && line.Trim().Length == 0) ? line : pad + line));
                return TrackedString.Derived(text, s);
            }
            case "wordcount": return (long)ToTracked(value).Split(null, -1).Count;
            default: throw new JinjaException($"unknown filter '{name}'");
        }
    }

    private static object? GetAttributePath(object? item, string path)
    {
        foreach (var part in path.Split('.'))
            item = item is JinjaUndefined ? item : long.TryParse(part, out var i) ? GetItem(item, i, 0) : GetItem(item, new TrackedString(part), 0);
        return item;
    }

    private static long Length(object? value) => value switch
    {
        TrackedString s => s.Text.EnumerateRunes().Count(),
        List<object?> l => l.Count,
        Dictionary<string, object?> d => d.Count,
        JinjaUndefined => 0,
        _ => throw new JinjaException($"object of type {TypeName(value)} has no len()"),
    };

    private static List<object?> Items(Dictionary<string, object?> d) =>
        d.Select(kv => (object?)new List<object?> { new TrackedString(kv.Key), kv.Value }).ToList();

    private static TrackedString Restyle(object? value, Func<string, string> change)
    {
        var s = ToTracked(value);
        return TrackedString.Derived(change(s.Text), s);
    }

    private static TrackedString ReplaceTracked(TrackedString s, string old, TrackedString replacement, long count)
    {
        if (old.Length == 0) return TrackedString.Derived(s.Text.Replace(old, replacement.Text, StringComparison.Ordinal), s, replacement);
        var result = TrackedString.Empty;
        int from = 0;
        while (count != 0)
        {
            int at = s.Text.IndexOf(old, from, StringComparison.Ordinal);
            if (at < 0) break;
            result = TrackedString.Concat(TrackedString.Concat(result, s.Substring(from, at - from)), replacement);
            from = at + old.Length;
            count--;
        }
        return TrackedString.Concat(result, s.Substring(from, s.Length - from));
    }

    /// <summary>Bound methods of strings and dicts (Python's names and semantics); null when there is none.</summary>
    public static JinjaCallable? Method(object? target, string name)
    {
        if (target is TrackedString s)
        {
            static string? Chars(IReadOnlyList<object?> a) => a.Count > 0 && a[0] is TrackedString c ? c.Text : null;
            return name switch
            {
                "strip" => (a, _) => s.Strip(Chars(a), true, true),
                "lstrip" => (a, _) => s.Strip(Chars(a), true, false),
                "rstrip" => (a, _) => s.Strip(Chars(a), false, true),
                "startswith" => (a, _) => Prefixes(a).Any(p => s.Text.StartsWith(p, StringComparison.Ordinal)),
                "endswith" => (a, _) => Prefixes(a).Any(p => s.Text.EndsWith(p, StringComparison.Ordinal)),
                "split" => (a, kw) => s.Split(a.Count > 0 && a[0] is TrackedString sep ? sep.Text : kw.TryGetValue("sep", out var ks) && ks is TrackedString kss ? kss.Text : null,
                    a.Count > 1 ? (int)ToLong(a[1]) : kw.TryGetValue("maxsplit", out var m) ? (int)ToLong(m) : -1),
                "replace" => (a, _) => ReplaceTracked(s, Str(a[0]), ToTracked(a[1]), a.Count > 2 ? ToLong(a[2]) : -1),
                "upper" => (_, _) => Restyle(s, t => t.ToUpperInvariant()),
                "lower" => (_, _) => Restyle(s, t => t.ToLowerInvariant()),
                "title" => (_, _) => ApplyFilter("title", s, [], new Dictionary<string, object?>()),
                "capitalize" => (_, _) => ApplyFilter("capitalize", s, [], new Dictionary<string, object?>()),
                "find" => (a, _) => (long)s.Text.IndexOf(Str(a[0]), StringComparison.Ordinal),
                "count" => (a, _) => (long)CountOccurrences(s.Text, Str(a[0])),
                "join" => (a, _) => ApplyFilter("join", a[0], [s], new Dictionary<string, object?>()),
                "splitlines" => (_, _) => SplitLines(s),
                "isdigit" => (_, _) => s.Length > 0 && s.Text.All(char.IsDigit),
                "isalpha" => (_, _) => s.Length > 0 && s.Text.All(char.IsLetter),
                "isspace" => (_, _) => s.Length > 0 && s.Text.All(PythonText.IsSpace),
                _ => null,
            };
        }
        if (target is Dictionary<string, object?> d)
        {
            return name switch
            {
                "items" => (_, _) => Items(d),
                "keys" => (_, _) => d.Keys.Select(k => (object?)new TrackedString(k)).ToList(),
                "values" => (_, _) => d.Values.ToList(),
                "get" => (a, _) => a.Count > 0 && d.TryGetValue(Str(a[0]), out var v) ? v : a.Count > 1 ? a[1] : null,
                _ => null,
            };
        }
        return null;
    }

    private static List<object?> SplitLines(TrackedString s)
    {
        var parts = s.Split("\n", -1);
        if (parts.Count > 0 && parts[^1] is TrackedString { Length: 0 }) parts.RemoveAt(parts.Count - 1);
        return parts;
    }

    private static IEnumerable<string> Prefixes(IReadOnlyList<object?> args) =>
        args.Count == 0 ? throw new JinjaException("startswith/endswith need an argument")
        : args[0] is List<object?> many ? many.Select(Str) : [Str(args[0])];

    private static int CountOccurrences(string text, string part)
    {
        if (part.Length == 0) return text.Length + 1;
        int n = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}

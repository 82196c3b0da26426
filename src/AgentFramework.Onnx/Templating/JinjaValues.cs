using System.Globalization;
using System.Text;

namespace AgentFramework.Onnx.Templating;

/// <summary>A template error: bad syntax, a type error while rendering, or the template's own raise_exception.</summary>
public class JinjaException(string message) : Exception(message);

/// <summary>The template called raise_exception(message): it refuses this conversation (e.g. Gemma with a system turn).</summary>
public sealed class JinjaRaisedException(string message) : JinjaException(message);

/// <summary>A name or key that does not exist: prints as "", is false, iterates as empty; attribute access raises.</summary>
internal sealed class JinjaUndefined
{
    public JinjaUndefined(string name) => Name = name;

    public string Name { get; }
}

/// <summary>A tuple: a list that prints with parentheses, as Python prints tuples.</summary>
internal sealed class JinjaTuple : List<object?>
{
    public JinjaTuple(IEnumerable<object?> items) : base(items) { }
}

/// <summary>namespace(...): the one mutable object templates have, so a loop can carry state out.</summary>
internal sealed class JinjaNamespace
{
    public Dictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);
}

/// <summary>A function callable from a template (globals, filters as functions, bound string/dict methods, macros).</summary>
public delegate object? JinjaCallable(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs);

/// <summary>
/// Values in templates are Python-like: null (None), <see cref="JinjaUndefined"/>, bool, long, double,
/// <see cref="TrackedString"/>, List&lt;object?&gt; (list/tuple), Dictionary&lt;string, object?&gt; (dict, insertion order),
/// <see cref="JinjaNamespace"/>, <see cref="JinjaCallable"/>. These helpers give them Python's truthiness, equality,
/// str() and repr().
/// </summary>
internal static class JinjaValues
{
    public static bool IsUndefined(object? v) => v is JinjaUndefined;

    public static bool Truthy(object? v) => v switch
    {
        null or JinjaUndefined => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        TrackedString s => s.Length > 0,
        List<object?> l => l.Count > 0,
        Dictionary<string, object?> d => d.Count > 0,
        _ => true,
    };

    /// <summary>Python ==, deep for lists and dicts; numbers compare across int/float/bool.</summary>
    public static bool AreEqual(object? a, object? b)
    {
        if (a is JinjaUndefined || b is JinjaUndefined) return a is JinjaUndefined && b is JinjaUndefined;
        if (a is null || b is null) return a is null && b is null;
        if (IsNumber(a) && IsNumber(b)) return ToDouble(a) == ToDouble(b);
        return (a, b) switch
        {
            (TrackedString x, TrackedString y) => x.Equals(y),
            (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => AreEqual(p.First, p.Second)),
            (Dictionary<string, object?> x, Dictionary<string, object?> y) =>
                x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var other) && AreEqual(kv.Value, other)),
            _ => ReferenceEquals(a, b),
        };
    }

    public static bool IsNumber(object? v) => v is long or double or bool;

    public static double ToDouble(object? v) => v switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new JinjaException($"expected a number, got {TypeName(v)}"),
    };

    public static int Compare(object? a, object? b)
    {
        if (IsNumber(a) && IsNumber(b)) return ToDouble(a).CompareTo(ToDouble(b));
        if (a is TrackedString x && b is TrackedString y) return string.CompareOrdinal(x.Text, y.Text);
        throw new JinjaException($"'<' not supported between {TypeName(a)} and {TypeName(b)}");
    }

    public static string TypeName(object? v) => v switch
    {
        null => "NoneType",
        JinjaUndefined => "Undefined",
        bool => "bool",
        long => "int",
        double => "float",
        TrackedString => "str",
        List<object?> => "list",
        Dictionary<string, object?> => "dict",
        JinjaNamespace => "Namespace",
        JinjaCallable => "function",
        _ => v.GetType().Name,
    };

    /// <summary>Python str(): what {{ value }} prints.</summary>
    public static TrackedString ToTracked(object? v) => v switch
    {
        TrackedString s => s,
        JinjaUndefined => TrackedString.Empty,
        List<object?> or Dictionary<string, object?> => TrackedString.Derived(Repr(v), ContentSources(v).ToArray()),
        _ => new TrackedString(Str(v)),
    };

    public static string Str(object? v) => v switch
    {
        null => "None",
        JinjaUndefined => "",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatFloat(d),
        TrackedString s => s.Text,
        _ => Repr(v),
    };

    /// <summary>Python repr(): strings quoted the way Python quotes them.</summary>
    public static string Repr(object? v)
    {
        switch (v)
        {
            case TrackedString s: return QuoteLikePython(s.Text);
            case JinjaTuple tuple: return "(" + string.Join(", ", tuple.Select(Repr)) + (tuple.Count == 1 ? ",)" : ")");
            case List<object?> list: return "[" + string.Join(", ", list.Select(Repr)) + "]";
            case Dictionary<string, object?> dict: return "{" + string.Join(", ", dict.Select(kv => QuoteLikePython(kv.Key) + ": " + Repr(kv.Value))) + "}";
            case JinjaNamespace: return "<Namespace>";
            case JinjaCallable: return "<function>";
            default: return Str(v);
        }
    }

    public static string FormatFloat(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsInfinity(d)) return d > 0 ? "inf" : "-inf";
        if (d == Math.Floor(d) && Math.Abs(d) < 1e16) return d.ToString("0.0", CultureInfo.InvariantCulture);
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        return r.Contains('E', StringComparison.Ordinal) ? r.Replace("E", "e", StringComparison.Ordinal) : r;
    }

    private static string QuoteLikePython(string s)
    {
        char quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var b = new StringBuilder().Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (c == quote) b.Append('\\').Append(c);
                    else if (c < 0x20 || c == 0x7f) b.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    else b.Append(c);
                    break;
            }
        }
        return b.Append(quote).ToString();
    }

    /// <summary>Every tracked string inside a value (for results derived from it as a whole).</summary>
    public static IEnumerable<TrackedString> ContentSources(object? v)
    {
        switch (v)
        {
            case TrackedString s: if (s.HasContent) yield return s; break;
            case List<object?> list: foreach (var item in list) foreach (var s in ContentSources(item)) yield return s; break;
            case Dictionary<string, object?> dict: foreach (var item in dict.Values) foreach (var s in ContentSources(item)) yield return s; break;
        }
    }

    /// <summary>A .NET value (from JSON or C#) as a template value; strings become content when <paramref name="asContent"/>.</summary>
    public static object? From(object? value, bool asContent = false) => value switch
    {
        null => null,
        TrackedString or JinjaUndefined or JinjaNamespace or JinjaCallable => value,
        string s => new TrackedString(s, asContent),
        bool b => b,
        int i => (long)i,
        long l => l,
        float f => (double)f,
        double d => d,
        System.Collections.IDictionary dict => dict.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => From(dict[k], asContent), StringComparer.Ordinal),
        System.Collections.IEnumerable e => e.Cast<object?>().Select(x => From(x, asContent)).ToList(),
        _ => new TrackedString(value.ToString() ?? "", asContent),
    };
}

using System.Globalization;
using static AgentFramework.Onnx.Templating.JinjaValues;

namespace AgentFramework.Onnx.Templating;

/// <summary>Operators, attribute/item access, tests and the globals transformers provides to chat templates.</summary>
internal static partial class JinjaBuiltins
{
    public static IEnumerable<(string, JinjaCallable)> Globals(Func<DateTime> clock)
    {
        yield return ("raise_exception", (args, _) => throw new JinjaRaisedException(args.Count > 0 ? Str(args[0]) : "raise_exception called"));
        yield return ("strftime_now", (args, _) => new TrackedString(PythonStrftime.Format(clock(), args.Count > 0 ? Str(args[0]) : "%Y-%m-%d")));
        yield return ("namespace", (args, kwargs) =>
        {
            var ns = new JinjaNamespace();
            foreach (var a in args) if (a is Dictionary<string, object?> d) foreach (var (k, v) in d) ns.Attributes[k] = v;
            foreach (var (k, v) in kwargs) ns.Attributes[k] = v;
            return ns;
        });
        yield return ("range", (args, _) =>
        {
            long start = 0, stop, step = 1;
            if (args.Count == 1) stop = ToLong(args[0]);
            else { start = ToLong(args[0]); stop = ToLong(args[1]); if (args.Count > 2) step = ToLong(args[2]); }
            if (step == 0) throw new JinjaException("range() step must not be zero");
            var list = new List<object?>();
            for (long i = start; step > 0 ? i < stop : i > stop; i += step) list.Add(i);
            return list;
        });
        yield return ("dict", (args, kwargs) =>
        {
            var d = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var a in args) if (a is Dictionary<string, object?> src) foreach (var (k, v) in src) d[k] = v;
            foreach (var (k, v) in kwargs) d[k] = v;
            return d;
        });
    }

    public static long ToLong(object? v) => v switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        double d => (long)d,
        _ => throw new JinjaException($"expected an integer, got {TypeName(v)}"),
    };

    /// <summary>obj.name: Jinja tries the attribute (methods) first, then the item.</summary>
    public static object? GetAttribute(object? target, string name, int line)
    {
        if (target is JinjaUndefined u) throw new JinjaException($"line {line}: '{u.Name}' is undefined (reading .{name})");
        if (Method(target, name) is { } method) return method;
        return target switch
        {
            Dictionary<string, object?> d when d.TryGetValue(name, out var v) => v,
            JinjaNamespace ns when ns.Attributes.TryGetValue(name, out var v) => v,
            _ => new JinjaUndefined(name),
        };
    }

    /// <summary>obj[key]: the item first, then the attribute.</summary>
    public static object? GetItem(object? target, object? key, int line)
    {
        if (target is JinjaUndefined u) throw new JinjaException($"line {line}: '{u.Name}' is undefined (reading [{Repr(key)}])");
        switch (target)
        {
            case Dictionary<string, object?> d when key is TrackedString s:
                return d.TryGetValue(s.Text, out var v) ? v : (object?)Method(d, s.Text) ?? new JinjaUndefined(s.Text);
            case Dictionary<string, object?> d when key is not null:
                return d.TryGetValue(Str(key), out var v2) ? v2 : new JinjaUndefined(Str(key));
            case List<object?> list when key is long or bool:
            {
                long i = ToLong(key);
                if (i < 0) i += list.Count;
                return i >= 0 && i < list.Count ? list[(int)i] : new JinjaUndefined($"[{key}]");
            }
            case TrackedString str when key is long or bool:
            {
                long i = ToLong(key);
                if (i < 0) i += str.Length;
                return i >= 0 && i < str.Length ? str.Substring((int)i, 1) : new JinjaUndefined($"[{key}]");
            }
            case JinjaNamespace ns when key is TrackedString s:
                return ns.Attributes.TryGetValue(s.Text, out var nv) ? nv : new JinjaUndefined(s.Text);
            case TrackedString str when key is TrackedString name:
                return (object?)Method(str, name.Text) ?? new JinjaUndefined(name.Text);
            default:
                return new JinjaUndefined($"[{Repr(key)}]");
        }
    }

    /// <summary>Python slicing (start:stop:step) of a list or string.</summary>
    public static object? Slice(object? target, object? start, object? stop, object? step)
    {
        int length = target switch
        {
            List<object?> l => l.Count,
            TrackedString s => s.Length,
            JinjaUndefined => 0,
            _ => throw new JinjaException($"{TypeName(target)} cannot be sliced"),
        };
        long st = step is null ? 1 : ToLong(step);
        if (st == 0) throw new JinjaException("slice step cannot be zero");
        long Clamp(object? v, long whenNull)
        {
            if (v is null) return whenNull;
            long i = ToLong(v);
            if (i < 0) i += length;
            return st > 0 ? Math.Clamp(i, 0, length) : Math.Clamp(i, -1, length - 1);
        }
        long from = Clamp(start, st > 0 ? 0 : length - 1), to = Clamp(stop, st > 0 ? length : -1);
        var indexes = new List<int>();
        for (long i = from; st > 0 ? i < to : i > to; i += st) indexes.Add((int)i);
        return target switch
        {
            List<object?> l => indexes.Select(i => l[i]).ToList(),
            TrackedString s => st == 1 ? s.Substring(indexes.Count == 0 ? 0 : indexes[0], indexes.Count) : s.Pick(indexes),
            _ => new List<object?>(),
        };
    }

    /// <summary>What a for loop walks: list items, dict keys, string characters; undefined and none are empty.</summary>
    public static IEnumerable<object?> Iterate(object? value) => value switch
    {
        null or JinjaUndefined => [],
        List<object?> l => l,
        Dictionary<string, object?> d => d.Keys.Select(k => (object?)new TrackedString(k)),
        TrackedString s => Enumerable.Range(0, s.Length).Select(i => (object?)s.Substring(i, 1)),
        _ => throw new JinjaException($"{TypeName(value)} is not iterable"),
    };

    public static object? Binary(string op, object? left, object? right)
    {
        switch (op)
        {
            case "==": return AreEqual(left, right);
            case "!=": return !AreEqual(left, right);
            case "<": return Compare(left, right) < 0;
            case ">": return Compare(left, right) > 0;
            case "<=": return Compare(left, right) <= 0;
            case ">=": return Compare(left, right) >= 0;
            case "in": return Contains(right, left);
            case "not in": return !Contains(right, left);
            case "~": return TrackedString.Concat(ToTracked(left), ToTracked(right));
        }
        if (left is JinjaUndefined || right is JinjaUndefined)
            throw new JinjaException($"'{((left as JinjaUndefined) ?? (JinjaUndefined)right!).Name}' is undefined (used with {op})");
        if (op == "+")
        {
            switch (left, right)
            {
                case (TrackedString a, TrackedString b): return TrackedString.Concat(a, b);
                case (List<object?> a, List<object?> b): return a.Concat(b).ToList();
            }
        }
        if (op == "*")
        {
            if (left is TrackedString s && right is long n) return Repeat(s, n);
            if (left is long n2 && right is TrackedString s2) return Repeat(s2, n2);
        }
        if (!IsNumber(left) || !IsNumber(right))
            throw new JinjaException($"unsupported operand types for {op}: {TypeName(left)} and {TypeName(right)}");
        bool integers = left is long or bool && right is long or bool;
        if (integers)
        {
            long a = ToLong(left), b = ToLong(right);
            switch (op)
            {
                case "+": return a + b;
                case "-": return a - b;
                case "*": return a * b;
                case "//": return b == 0 ? throw new JinjaException("integer division by zero") : (long)Math.Floor((double)a / b);
                case "%": return b == 0 ? throw new JinjaException("integer modulo by zero") : ((a % b) + b) % b;
                case "**" when b >= 0: return (long)Math.Pow(a, b);
            }
        }
        double x = ToDouble(left), y = ToDouble(right);
        return op switch
        {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => y == 0 ? throw new JinjaException("division by zero") : x / y,
            "//" => y == 0 ? throw new JinjaException("division by zero") : Math.Floor(x / y),
            "%" => y == 0 ? throw new JinjaException("modulo by zero") : x - y * Math.Floor(x / y),
            "**" => Math.Pow(x, y),
            _ => throw new JinjaException($"unknown operator {op}"),
        };
    }

    private static TrackedString Repeat(TrackedString s, long n)
    {
        var result = TrackedString.Empty;
        for (long i = 0; i < n; i++) result = TrackedString.Concat(result, s);
        return result;
    }

    public static bool Contains(object? container, object? item) => container switch
    {
        TrackedString s when item is TrackedString sub => s.Text.Contains(sub.Text, StringComparison.Ordinal),
        TrackedString => throw new JinjaException($"'in <string>' requires a string, got {TypeName(item)}"),
        List<object?> l => l.Any(x => AreEqual(x, item)),
        Dictionary<string, object?> d => item is TrackedString k && d.ContainsKey(k.Text),
        JinjaUndefined or null => false,
        _ => throw new JinjaException($"argument of type {TypeName(container)} is not iterable"),
    };

    public static bool ApplyTest(string name, object? value, IReadOnlyList<object?> args)
    {
        object? Arg() => args.Count > 0 ? args[0] : throw new JinjaException($"test '{name}' needs an argument");
        return name switch
        {
            "defined" => value is not JinjaUndefined,
            "undefined" => value is JinjaUndefined,
            "none" => value is null,
            "string" => value is TrackedString,
            "number" => value is long or double,
            "integer" => value is long,
            "float" => value is double,
            "boolean" => value is bool,
            "true" => value is true,
            "false" => value is false,
            "mapping" => value is Dictionary<string, object?>,
            "iterable" => value is List<object?> or Dictionary<string, object?> or TrackedString,
            "sequence" => value is List<object?> or Dictionary<string, object?> or TrackedString,
            "callable" => value is JinjaCallable,
            "odd" => ToLong(value) % 2 != 0,
            "even" => ToLong(value) % 2 == 0,
            "divisibleby" => ToLong(value) % ToLong(Arg()) == 0,
            "equalto" or "eq" or "==" or "sameas" => AreEqual(value, Arg()),
            "ne" or "!=" => !AreEqual(value, Arg()),
            "lt" or "lessthan" or "<" => Compare(value, Arg()) < 0,
            "le" or "<=" => Compare(value, Arg()) <= 0,
            "gt" or "greaterthan" or ">" => Compare(value, Arg()) > 0,
            "ge" or ">=" => Compare(value, Arg()) >= 0,
            "in" => Contains(Arg(), value),
            "lower" => value is TrackedString s && s.Text == s.Text.ToLowerInvariant(),
            "upper" => value is TrackedString u && u.Text == u.Text.ToUpperInvariant(),
            _ => throw new JinjaException($"unknown test '{name}'"),
        };
    }
}

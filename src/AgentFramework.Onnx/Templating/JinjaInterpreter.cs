using System.Text;
using static AgentFramework.Onnx.Templating.JinjaValues;

namespace AgentFramework.Onnx.Templating;

/// <summary>Executes parsed statements into an output buffer that records content marks per character.</summary>
internal sealed class JinjaInterpreter(StringBuilder output, List<bool> marks)
{
    private enum Flow { Normal, Break, Continue }

    public void Run(IReadOnlyList<Node> body, Scope scope) => Execute(body, scope);

    private Flow Execute(IReadOnlyList<Node> body, Scope scope)
    {
        foreach (var node in body)
        {
            var flow = Execute(node, scope);
            if (flow != Flow.Normal) return flow;
        }
        return Flow.Normal;
    }

    private Flow Execute(Node node, Scope scope)
    {
        switch (node)
        {
            case TextNode t: output.Append(t.Text); marks.AddRange(Enumerable.Repeat(false, t.Text.Length)); return Flow.Normal;
            case OutputNode o: ToTracked(Evaluate(o.Value, scope)).AppendTo(output, marks); return Flow.Normal;
            case IfNode i:
                foreach (var (test, branch) in i.Branches)
                    if (Truthy(Evaluate(test, scope))) return Execute(branch, scope);
                return Execute(i.Else, scope);
            case ForNode f: return ExecuteFor(f, scope);
            case SetNode s:
            {
                var value = Evaluate(s.Value, scope);
                if (s.Attribute is not null)
                {
                    if (!scope.TryGet(s.Targets[0], out var ns) || ns is not JinjaNamespace target)
                        throw new JinjaException($"cannot assign attribute on non-namespace object '{s.Targets[0]}'");
                    target.Attributes[s.Attribute] = value;
                }
                else Assign(s.Targets, value, scope);
                return Flow.Normal;
            }
            case SetBlockNode b: scope.Set(b.Target, Capture(b.Body, scope)); return Flow.Normal;
            case MacroNode m: scope.Set(m.Name, MakeMacro(m, scope)); return Flow.Normal;
            case BreakNode: return Flow.Break;
            case ContinueNode: return Flow.Continue;
            case BlockNode block when block.Filter is null: return Execute(block.Body, scope);
            case BlockNode block:
                ToTracked(JinjaBuiltins.ApplyFilter(block.Filter!, Capture(block.Body, scope), [], EmptyKwargs)).AppendTo(output, marks);
                return Flow.Normal;
            default: throw new JinjaException($"unsupported statement {node.GetType().Name}");
        }
    }

    private static readonly IReadOnlyDictionary<string, object?> EmptyKwargs = new Dictionary<string, object?>();

    private TrackedString Capture(IReadOnlyList<Node> body, Scope scope)
    {
        var text = new StringBuilder();
        var captured = new List<bool>();
        new JinjaInterpreter(text, captured).Execute(body, scope);
        return captured.Contains(true) ? BuildTracked(text.ToString(), captured) : new TrackedString(text.ToString());
    }

    private static TrackedString BuildTracked(string text, List<bool> captured)
    {
        var result = TrackedString.Empty;
        int start = 0;
        for (int i = 1; i <= text.Length; i++)
            if (i == text.Length || captured[i] != captured[start])
            {
                result = TrackedString.Concat(result, new TrackedString(text[start..i], captured[start]));
                start = i;
            }
        return result;
    }

    private static void Assign(IReadOnlyList<string> targets, object? value, Scope scope)
    {
        if (targets.Count == 1) { scope.Set(targets[0], value); return; }
        var items = JinjaBuiltins.Iterate(value).ToList();
        if (items.Count != targets.Count) throw new JinjaException($"cannot unpack {items.Count} values into {targets.Count} names");
        for (int i = 0; i < targets.Count; i++) scope.Set(targets[i], items[i]);
    }

    private Flow ExecuteFor(ForNode f, Scope scope)
    {
        var all = JinjaBuiltins.Iterate(Evaluate(f.Iterable, scope)).ToList();
        var items = all;
        if (f.Filter is not null)
        {
            items = [];
            foreach (var item in all)
            {
                var probe = new Scope([], scope);
                Assign(f.Targets, item, probe);
                if (Truthy(Evaluate(f.Filter, probe))) items.Add(item);
            }
        }
        if (items.Count == 0) return Execute(f.Else, new Scope([], scope));
        for (int i = 0; i < items.Count; i++)
        {
            var body = new Scope([], scope);
            Assign(f.Targets, items[i], body);
            body.Set("loop", LoopObject(items, i));
            if (Execute(f.Body, body) == Flow.Break) break;
        }
        return Flow.Normal;
    }

    private static Dictionary<string, object?> LoopObject(List<object?> items, int i)
    {
        int n = items.Count;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["index"] = (long)(i + 1), ["index0"] = (long)i, ["revindex"] = (long)(n - i), ["revindex0"] = (long)(n - i - 1),
            ["first"] = i == 0, ["last"] = i == n - 1, ["length"] = (long)n,
            ["previtem"] = i > 0 ? items[i - 1] : new JinjaUndefined("loop.previtem"),
            ["nextitem"] = i < n - 1 ? items[i + 1] : new JinjaUndefined("loop.nextitem"),
            ["cycle"] = (JinjaCallable)((args, _) => args.Count == 0 ? throw new JinjaException("loop.cycle needs arguments") : args[i % args.Count]),
        };
    }

    private JinjaCallable MakeMacro(MacroNode m, Scope defining) => (args, kwargs) =>
    {
        var scope = new Scope([], defining.Root);
        for (int i = 0; i < m.Parameters.Count; i++)
        {
            var (name, fallback) = m.Parameters[i];
            object? value = i < args.Count ? args[i]
                : kwargs.TryGetValue(name, out var kw) ? kw
                : fallback is not null ? Evaluate(fallback, scope) : new JinjaUndefined(name);
            scope.Set(name, value);
        }
        return Capture(m.Body, scope);
    };

    public object? Evaluate(Expr expr, Scope scope)
    {
        switch (expr)
        {
            case LiteralExpr l: return l.Value;
            case NameExpr n: return scope.TryGet(n.Name, out var v) ? v : new JinjaUndefined(n.Name);
            case AttributeExpr a: return JinjaBuiltins.GetAttribute(Evaluate(a.Target, scope), a.Name, a.Line);
            case ItemExpr i: return JinjaBuiltins.GetItem(Evaluate(i.Target, scope), Evaluate(i.Key, scope), i.Line);
            case SliceExpr s:
                return JinjaBuiltins.Slice(Evaluate(s.Target, scope), Optional(s.Start, scope), Optional(s.Stop, scope), Optional(s.Step, scope));
            case CallExpr c:
            {
                var fn = Evaluate(c.Function, scope);
                if (fn is not JinjaCallable callable)
                    throw new JinjaException($"line {c.Line}: {Describe(c.Function)} is not callable ({TypeName(fn)})");
                return callable(c.Args.Select(a => Evaluate(a, scope)).ToList(), Kwargs(c.Kwargs, scope));
            }
            case FilterExpr f:
            {
                var value = Evaluate(f.Value, scope);
                try { return JinjaBuiltins.ApplyFilter(f.Name, value, f.Args.Select(a => Evaluate(a, scope)).ToList(), Kwargs(f.Kwargs, scope)); }
                catch (JinjaException e) when (e is not JinjaRaisedException && !e.Message.StartsWith("line ", StringComparison.Ordinal))
                { throw new JinjaException($"line {f.Line}: {e.Message}"); }
            }
            case TestExpr t:
            {
                bool result = JinjaBuiltins.ApplyTest(t.Name, Evaluate(t.Value, scope), t.Args.Select(a => Evaluate(a, scope)).ToList());
                return t.Negated ? !result : result;
            }
            case UnaryExpr u:
                var operand = Evaluate(u.Operand, scope);
                return u.Operator == "not" ? !Truthy(operand)
                    : operand switch { long l => (object)(-l), double d => -d, bool b => b ? -1L : 0L, _ => throw new JinjaException($"line {u.Line}: bad operand for unary -: {TypeName(operand)}") };
            case BinaryExpr b: return EvaluateBinary(b, scope);
            case ConditionalExpr c:
                return Truthy(Evaluate(c.Test, scope)) ? Evaluate(c.Then, scope) : c.Else is null ? new JinjaUndefined("else") : Evaluate(c.Else, scope);
            case ListExpr l when l.IsTuple: return new JinjaTuple(l.Items.Select(i => Evaluate(i, scope)));
            case ListExpr l: return l.Items.Select(i => Evaluate(i, scope)).ToList();
            case DictExpr d:
            {
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (k, val) in d.Items) dict[Str(Evaluate(k, scope))] = Evaluate(val, scope);
                return dict;
            }
            default: throw new JinjaException($"unsupported expression {expr.GetType().Name}");
        }
    }

    private object? Optional(Expr? e, Scope scope) => e is null ? null : Evaluate(e, scope);

    private Dictionary<string, object?> Kwargs(IReadOnlyList<(string Name, Expr Value)> kwargs, Scope scope) =>
        kwargs.ToDictionary(k => k.Name, k => Evaluate(k.Value, scope), StringComparer.Ordinal);

    private static string Describe(Expr e) => e switch
    {
        NameExpr n => $"'{n.Name}'",
        AttributeExpr a => $"'{a.Name}'",
        _ => "expression",
    };

    private object? EvaluateBinary(BinaryExpr b, Scope scope)
    {
        var left = Evaluate(b.Left, scope);
        if (b.Operator == "and") return Truthy(left) ? Evaluate(b.Right, scope) : left;
        if (b.Operator == "or") return Truthy(left) ? left : Evaluate(b.Right, scope);
        var right = Evaluate(b.Right, scope);
        try { return JinjaBuiltins.Binary(b.Operator, left, right); }
        catch (JinjaException e) when (!e.Message.StartsWith("line ", StringComparison.Ordinal))
        { throw new JinjaException($"line {b.Line}: {e.Message}"); }
    }
}

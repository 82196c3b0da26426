using System.Text;

namespace AgentFramework.Onnx.Templating;

/// <summary>Rendered text with, per character, whether it came from message content.</summary>
public sealed record JinjaOutput(string Text, IReadOnlyList<bool> ContentMarks)
{
    /// <summary>The output as runs of template text and content text, in order.</summary>
    public IEnumerable<(string Text, bool IsContent)> Runs()
    {
        int start = 0;
        for (int i = 1; i <= Text.Length; i++)
            if (i == Text.Length || ContentMarks[i] != ContentMarks[start])
            {
                yield return (Text[start..i], ContentMarks[start]);
                start = i;
            }
    }
}

/// <summary>
/// A compiled Jinja template, rendered the way Hugging Face transformers renders chat templates: trim_blocks,
/// lstrip_blocks, loop controls, namespace(), raise_exception(), strftime_now(), and transformers' tojson
/// (ensure_ascii=False). Undefined names print as empty; reading an attribute of one raises. Parsed once, rendered many
/// times; rendering is thread-safe.
/// </summary>
public sealed class JinjaTemplate
{
    private readonly IReadOnlyList<Node> _body;

    public JinjaTemplate(string source)
    {
        Source = source;
        _body = JinjaParser.Parse(source);
    }

    public string Source { get; }

    /// <summary>The clock strftime_now reads (tests pin it so renderings are reproducible).</summary>
    public Func<DateTime> Clock { get; init; } = () => DateTime.Now;

    /// <summary>Renders with the given variables (.NET values are converted; <see cref="TrackedString"/> keeps its content marks).</summary>
    public JinjaOutput Render(IReadOnlyDictionary<string, object?> variables)
    {
        var globals = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, fn) in JinjaBuiltins.Globals(Clock)) globals[name] = fn;
        foreach (var (name, value) in variables) globals[name] = JinjaValues.From(value);
        var text = new StringBuilder();
        var marks = new List<bool>();
        new JinjaInterpreter(text, marks).Run(_body, new Scope(globals, null));
        return new JinjaOutput(text.ToString(), marks);
    }
}

/// <summary>Variables visible at one point: a loop body or macro call opens a child scope; if/else does not (as in Jinja).</summary>
internal sealed class Scope(Dictionary<string, object?> variables, Scope? parent)
{
    public Scope? Parent { get; } = parent;

    public bool TryGet(string name, out object? value)
    {
        for (var s = this; s is not null; s = s.Parent)
            if (s._variables.TryGetValue(name, out value)) return true;
        value = null;
        return false;
    }

    public void Set(string name, object? value) => _variables[name] = value;

    public Scope Root => Parent?.Root ?? this;

    private readonly Dictionary<string, object?> _variables = variables;
}

using System.Text.RegularExpressions;

namespace AgentFramework.Agents.Extractive;

/// <summary>A top-level declaration of a source file: its kind (class, def, fn, …), name, 1-based line and doc sentence.</summary>
/// <param name="IsType">Types rank above functions when the outline's word budget is short.</param>
public sealed record CodeDeclaration(string Kind, string Name, int Line, string? Doc, bool IsType);

/// <summary>What <see cref="CodeDeclarations.Read"/> finds in one file.</summary>
/// <param name="FileDoc">The first sentence of a module docstring or file-level comment, and its line.</param>
/// <param name="EntryPoint">The line and description of a program entry point (Main, __main__, func main), if any.</param>
public sealed record FileDeclarations(IReadOnlyList<CodeDeclaration> Declarations, (string Text, int Line)? FileDoc, (int Line, string What)? EntryPoint);

/// <summary>
/// Finds each file's top-level declarations with line-based patterns per language (C#, Python, JavaScript/TypeScript,
/// Go, Rust, Java/Kotlin) and the first sentence of the doc comment above or docstring below each one — the kind of
/// repository map code assistants build, without a parser. Nested members are left out on purpose: the outline is a map.
/// </summary>
public static partial class CodeDeclarations
{
    public static FileDeclarations Read(string language, IReadOnlyList<string> lines) => language switch
    {
        "csharp" => ReadCSharp(lines),
        "python" => ReadPython(lines),
        "javascript" or "typescript" => ReadWith(lines, JsDeclaration(), 0, l => null),
        "go" => ReadWith(lines, GoDeclaration(), 0, l => GoMain().IsMatch(l) ? "func main" : null),
        "rust" => ReadWith(lines, RustDeclaration(), 0, l => RustMain().IsMatch(l) ? "fn main" : null),
        "java" or "kotlin" or "scala" => ReadWith(lines, JvmDeclaration(), 0, l => JvmMain().IsMatch(l) ? "main method" : null),
        _ => new FileDeclarations([], null, null),
    };

    private static FileDeclarations ReadCSharp(IReadOnlyList<string> lines)
    {
        // Top level is column 0 with a file-scoped namespace (or none), one indent inside a braced namespace.
        bool braced = lines.Any(l => BracedNamespace().IsMatch(l));
        int maxIndent = braced ? 4 : 0;
        var result = ReadWith(lines, CSharpType(), maxIndent, l => CSharpMain().IsMatch(l) ? "Main method" : null);
        if (result.EntryPoint is null && lines.Count > 0 && !lines.Any(l => CSharpType().IsMatch(l) || l.StartsWith("namespace ", StringComparison.Ordinal))
            && lines.Any(l => l.Length > 0 && !l.StartsWith("using ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("//", StringComparison.Ordinal)))
            result = result with { EntryPoint = (FirstCodeLine(lines), "top-level statements") };
        return result;
    }

    private static FileDeclarations ReadWith(IReadOnlyList<string> lines, Regex declaration, int maxIndent, Func<string, string?> entry)
    {
        var found = new List<CodeDeclaration>();
        (int, string)? entryPoint = null;
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (entryPoint is null && entry(line) is { } what) entryPoint = (i + 1, what);
            var m = declaration.Match(line);
            if (!m.Success || Indent(line) > maxIndent) continue;
            var kind = Regex.Replace(m.Groups["kind"].Value, @"\s+", " ");
            found.Add(new CodeDeclaration(kind, m.Groups["name"].Value, i + 1, DocComments.Above(lines, i), IsTypeKind(kind)));
        }
        return new FileDeclarations(found, DocComments.FileHeader(lines), entryPoint);
    }

    private static FileDeclarations ReadPython(IReadOnlyList<string> lines)
    {
        var found = new List<CodeDeclaration>();
        (int, string)? entryPoint = null;
        for (int i = 0; i < lines.Count; i++)
        {
            if (entryPoint is null && PythonMain().IsMatch(lines[i])) entryPoint = (i + 1, "if __name__ == \"__main__\"");
            var m = PythonDeclaration().Match(lines[i]);
            if (!m.Success || m.Groups["name"].Value.StartsWith('_')) continue; // _private by convention
            var kind = m.Groups["kind"].Value.Replace("  ", " ", StringComparison.Ordinal);
            found.Add(new CodeDeclaration(kind, m.Groups["name"].Value, i + 1,
                DocComments.PythonDocstring(lines, i) ?? DocComments.Above(lines, i), kind == "class"));
        }
        return new FileDeclarations(found, DocComments.PythonModuleDocstring(lines) ?? DocComments.FileHeader(lines), entryPoint);
    }

    private static bool IsTypeKind(string kind) => !kind.Contains("function", StringComparison.Ordinal) && kind is not ("fn" or "func" or "def" or "const" or "let" or "static");

    private static int Indent(string line)
    {
        int n = 0;
        foreach (char c in line) { if (c == ' ') n++; else if (c == '\t') n += 4; else break; }
        return n;
    }

    private static int FirstCodeLine(IReadOnlyList<string> lines)
    {
        for (int i = 0; i < lines.Count; i++)
            if (lines[i].Length > 0 && !lines[i].StartsWith("using ", StringComparison.Ordinal) && !lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal)) return i + 1;
        return 1;
    }

    [GeneratedRegex(@"^namespace\s+[\w.]+\s*(\{|$)")]
    private static partial Regex BracedNamespace();

    [GeneratedRegex(@"^\s*(?:\[[^\]]*\]\s*)*(?:(?:public|internal|private|protected|static|sealed|abstract|partial|readonly|unsafe|file|ref|new)\s+)*(?<kind>record\s+struct|record\s+class|record|class|struct|interface|enum)\s+(?<name>[A-Za-z_]\w*)")]
    private static partial Regex CSharpType();

    [GeneratedRegex(@"\bstatic\s+(?:async\s+)?(?:void|int|Task|Task<int>)\s+Main\s*\(")]
    private static partial Regex CSharpMain();

    [GeneratedRegex(@"^(?<kind>class|def|async\s+def)\s+(?<name>[A-Za-z_]\w*)")]
    private static partial Regex PythonDeclaration();

    [GeneratedRegex(@"^if\s+__name__\s*==\s*['""]__main__['""]")]
    private static partial Regex PythonMain();

    [GeneratedRegex(@"^(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?<kind>function\*?|class|interface|type|enum)\s+(?<name>[A-Za-z_$][\w$]*)|^export\s+(?<kind>const|let)\s+(?<name>[A-Za-z_$][\w$]*)")]
    private static partial Regex JsDeclaration();

    [GeneratedRegex(@"^(?<kind>func)\s+(?:\([^)]*\)\s*)?(?<name>[A-Za-z_]\w*)|^(?<kind>type)\s+(?<name>[A-Za-z_]\w*)\s+(?:struct|interface|\w)")]
    private static partial Regex GoDeclaration();

    [GeneratedRegex(@"^func\s+main\s*\(")]
    private static partial Regex GoMain();

    [GeneratedRegex(@"^(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:unsafe\s+)?(?<kind>fn|struct|enum|trait|mod|type)\s+(?<name>[A-Za-z_]\w*)")]
    private static partial Regex RustDeclaration();

    [GeneratedRegex(@"^fn\s+main\s*\(")]
    private static partial Regex RustMain();

    [GeneratedRegex(@"^(?:@\w+\s+)*(?:(?:public|private|protected|internal|abstract|final|sealed|open|data|static)\s+)*(?<kind>class|interface|enum|record|object|fun)\s+(?<name>[A-Za-z_]\w*)")]
    private static partial Regex JvmDeclaration();

    [GeneratedRegex(@"\bstatic\s+void\s+main\s*\(|^fun\s+main\s*\(")]
    private static partial Regex JvmMain();
}

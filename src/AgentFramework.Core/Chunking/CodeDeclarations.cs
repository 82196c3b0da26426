namespace AgentFramework.Chunking;

/// <summary>
/// Recognises lines of source code that start a declaration (a type, function, member or top-level binding) and
/// lines that attach to the declaration below them (attributes, decorators, doc comments). A keyword guess across
/// languages: good enough to rank chunk boundaries, never used to parse.
/// </summary>
internal static class CodeDeclarations
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "class", "struct", "record", "interface", "enum", "namespace", "module", "mod", "package", "object",
        "def", "fn", "func", "fun", "function", "sub", "impl", "trait", "type", "typedef", "const", "let", "var", "val",
        "public", "private", "internal", "protected", "static", "export", "pub", "async", "abstract", "sealed",
        "partial", "override", "virtual", "readonly", "unsafe", "extern", "final", "open", "data", "template",
        "delegate", "event", "default", "declare",
    };

    /// <summary>Namespace-like wrappers: their members, not they, set a file's outermost declaration level.</summary>
    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal) { "namespace", "module", "mod", "package" };

    // Looked up by span: no string per line of code.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KeywordLookup = Keywords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> WrapperLookup = Wrappers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Indentation width of a line (a tab counts as four columns) and where its text starts.</summary>
    public static int Indent(ReadOnlySpan<char> line, out int textStart)
    {
        int indent = 0, i = 0;
        for (; i < line.Length && line[i] is ' ' or '\t'; i++) indent += line[i] == '\t' ? 4 : 1;
        textStart = i;
        return indent;
    }

    /// <summary>The line's first word is a declaration keyword or modifier.</summary>
    public static bool IsDeclaration(ReadOnlySpan<char> text, out bool wrapper)
    {
        int end = 0;
        while (end < text.Length && (char.IsAsciiLetter(text[end]) || text[end] == '_')) end++;
        wrapper = false;
        // A keyword is followed by a name: "type Point struct", "func (s *Server) Start()", "pub(crate) fn", but not
        // "type = 3", "data.load()", "print(x)" or "public:".
        int next = end;
        while (next < text.Length && text[next] is ' ' or '\t') next++;
        if (end == 0 || next >= text.Length || text[next] is '=' or '.' or ')' or ',' or ';' or ':')
            return false;
        if (next == end && (text[next] != '(' || !text[..end].SequenceEqual("pub"))) return false;
        var word = text[..end];
        wrapper = WrapperLookup.Contains(word);
        return KeywordLookup.Contains(word);
    }

    /// <summary>An attribute, decorator or comment, which belongs to the declaration on the next line.</summary>
    public static bool IsAttachment(ReadOnlySpan<char> text) =>
        text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith("/*", StringComparison.Ordinal) ||
        text.StartsWith("*", StringComparison.Ordinal) || text.StartsWith("#", StringComparison.Ordinal) ||
        text.StartsWith("@", StringComparison.Ordinal) || text.StartsWith("[", StringComparison.Ordinal);
}

using System.Text.RegularExpressions;

namespace AgentFramework.Agents.Extractive;

/// <summary>
/// Reads the first sentence of a doc comment (<c>///</c>, <c>/** */</c>, <c>//</c>, <c>#</c>) above a declaration or of
/// a Python docstring below one, with XML doc tags reduced to their text (<c>&lt;see cref="X"/&gt;</c> → X).
/// </summary>
internal static partial class DocComments
{
    private const int MaxWords = 30;

    /// <summary>The comment block directly above line <paramref name="index"/> (0-based), attributes and decorators skipped.</summary>
    public static string? Above(IReadOnlyList<string> lines, int index)
    {
        int i = index - 1;
        while (i >= 0 && Attribute().IsMatch(lines[i])) i--;
        var block = new List<string>();
        for (; i >= 0; i--)
        {
            var t = lines[i].Trim();
            if (!IsCommentLine(t)) break;
            block.Add(t);
        }
        if (block.Count == 0) return null;
        block.Reverse();
        return FirstSentence(string.Join(' ', block.Select(StripMarker)));
    }

    /// <summary>A comment at the very top of a file (after a shebang), e.g. a Go package comment or a script's header.</summary>
    public static (string Text, int Line)? FileHeader(IReadOnlyList<string> lines)
    {
        int i = 0;
        if (lines.Count > 0 && lines[0].StartsWith("#!", StringComparison.Ordinal)) i++;
        int first = i;
        var block = new List<string>();
        for (; i < lines.Count && IsCommentLine(lines[i].Trim()) && !lines[i].TrimStart().StartsWith("///", StringComparison.Ordinal); i++)
            block.Add(lines[i].Trim());
        if (block.Count == 0) return null;
        var text = FirstSentence(string.Join(' ', block.Select(StripMarker)));
        return text is null ? null : (text, first + 1);
    }

    /// <summary>The docstring of the <c>def</c>/<c>class</c> on line <paramref name="index"/>, whose signature may span lines.</summary>
    public static string? PythonDocstring(IReadOnlyList<string> lines, int index)
    {
        int i = index;
        while (i < lines.Count && !lines[i].TrimEnd().EndsWith(':')) i++;
        i++;
        while (i < lines.Count && lines[i].Trim().Length == 0) i++;
        return i < lines.Count ? Docstring(lines, i)?.Text : null;
    }

    /// <summary>A module docstring: the first statement of the file when it is a string.</summary>
    public static (string Text, int Line)? PythonModuleDocstring(IReadOnlyList<string> lines)
    {
        int i = 0;
        while (i < lines.Count && (lines[i].Trim().Length == 0 || lines[i].TrimStart().StartsWith('#'))) i++;
        return i < lines.Count ? Docstring(lines, i) : null;
    }

    private static (string Text, int Line)? Docstring(IReadOnlyList<string> lines, int start)
    {
        var m = DocstringOpen().Match(lines[start]);
        if (!m.Success) return null;
        var quote = m.Groups["q"].Value;
        var text = new List<string>();
        var rest = lines[start][(m.Index + m.Length)..];
        for (int i = start; i < lines.Count && i < start + 40; i++)
        {
            var line = i == start ? rest : lines[i];
            int close = line.IndexOf(quote, StringComparison.Ordinal);
            if (close >= 0) { text.Add(line[..close]); break; }
            text.Add(line.Trim());
        }
        var sentence = FirstSentence(string.Join(' ', text));
        return sentence is null ? null : (sentence, start + 1);
    }

    /// <summary>The first sentence of comment text, XML tags reduced to their text, at most 30 words.</summary>
    public static string? FirstSentence(string text)
    {
        text = SeeTag().Replace(text, m => Simplify(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value));
        text = InlineTag().Replace(text, "");
        text = Tag().Replace(text, " ");
        text = System.Net.WebUtility.HtmlDecode(Spaces().Replace(text, " ")).Trim();
        if (text.Length == 0) return null;
        var end = SentenceEnd().Match(text);
        if (end.Success) text = text[..(end.Index + 1)];
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= MaxWords ? text : string.Join(' ', words.Take(MaxWords)) + " …";
    }

    // "T:AgentFramework.Documents.Document" or "IEmbeddingGenerator{TInput,TEmbedding}" → the short name.
    private static string Simplify(string cref)
    {
        var name = cref.Contains(':') ? cref[(cref.IndexOf(':') + 1)..] : cref;
        int brace = name.IndexOf('{');
        if (brace >= 0) name = name[..brace];
        int paren = name.IndexOf('(');
        if (paren >= 0) name = name[..paren];
        return name[(name.LastIndexOf('.') + 1)..];
    }

    private static bool IsCommentLine(string trimmed) =>
        trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("/*", StringComparison.Ordinal)
        || trimmed.StartsWith('*') || (trimmed.StartsWith('#') && !trimmed.StartsWith("#!", StringComparison.Ordinal)
                                       && !trimmed.StartsWith("#[", StringComparison.Ordinal) && !trimmed.StartsWith("#include", StringComparison.Ordinal));

    private static string StripMarker(string trimmed) => CommentMarker().Replace(trimmed, "").Replace("*/", "", StringComparison.Ordinal);

    [GeneratedRegex(@"^\s*(\[.*\]|@\w+.*|#\[.*\])\s*$")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"^(///?!?|/\*\*?|\*|#+)\s?")]
    private static partial Regex CommentMarker();

    [GeneratedRegex(@"<(?:see|seealso)\s+(?:cref|langword|href)=""([^""]*)""\s*/?>(?:</see>)?|<(?:paramref|typeparamref)\s+name=""([^""]*)""\s*/>")]
    private static partial Regex SeeTag();

    [GeneratedRegex(@"</?(?:c|b|i|em|code|strong)>")]
    private static partial Regex InlineTag();

    [GeneratedRegex(@"</?\w+[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?<!\b(?:e\.g|i\.e|etc|vs|cf))[.!?](?=\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^\s*[rRbBuU]?(?<q>""""""|''')")]
    private static partial Regex DocstringOpen();
}

using System.Text;
using System.Text.RegularExpressions;

namespace AgentFramework.Documents.Folders;

/// <summary>
/// The patterns of one .gitignore file, matched the way git does: blank lines and <c>#</c> comments ignored,
/// <c>!</c> re-includes, a trailing <c>/</c> matches directories only, a pattern with a <c>/</c> (other than a trailing
/// one) is anchored to the file's folder, otherwise it matches a name at any depth; <c>*</c>, <c>?</c>, <c>[...]</c>
/// never cross <c>/</c>, <c>**</c> does; the last matching pattern wins.
/// </summary>
internal sealed class GitIgnoreFile
{
    private readonly List<Rule> _rules;

    private GitIgnoreFile(string baseDirectory, List<Rule> rules)
    {
        BaseDirectory = baseDirectory;
        _rules = rules;
    }

    /// <summary>The folder holding the .gitignore, relative to the walk root with '/' separators ("" for the root).</summary>
    public string BaseDirectory { get; }

    public int RuleCount => _rules.Count;

    public static GitIgnoreFile Parse(string content, string baseDirectory = "")
    {
        var rules = new List<Rule>();
        foreach (var rawLine in TextDecoder.NormalizeLineEndings(content).Split('\n'))
            if (ParseRule(rawLine) is { } rule) rules.Add(rule);
        return new GitIgnoreFile(baseDirectory.Trim('/'), rules);
    }

    /// <summary>
    /// True when the path is ignored, false when a <c>!</c> pattern re-includes it, null when no pattern matches.
    /// </summary>
    /// <param name="relativePath">Path from the walk root, '/' separators.</param>
    public bool? IsIgnored(string relativePath, bool isDirectory)
    {
        string path = relativePath;
        if (BaseDirectory.Length > 0)
        {
            if (!relativePath.StartsWith(BaseDirectory + "/", StringComparison.Ordinal)) return null;
            path = relativePath[(BaseDirectory.Length + 1)..];
        }
        for (int i = _rules.Count - 1; i >= 0; i--)
        {
            var rule = _rules[i];
            if (rule.DirectoryOnly && !isDirectory) continue;
            if (rule.Pattern.IsMatch(path)) return !rule.Negated;
        }
        return null;
    }

    private sealed record Rule(Regex Pattern, bool Negated, bool DirectoryOnly);

    private static Rule? ParseRule(string line)
    {
        if (line.Length == 0 || line[0] == '#') return null;
        // Trailing spaces are ignored unless escaped with a backslash.
        int end = line.Length;
        while (end > 0 && line[end - 1] == ' ' && !(end > 1 && line[end - 2] == '\\')) end--;
        line = line[..end];
        if (line.Length == 0) return null;

        bool negated = false;
        if (line[0] == '!') { negated = true; line = line[1..]; }
        bool directoryOnly = false;
        if (line.EndsWith('/') && !line.EndsWith("\\/", StringComparison.Ordinal)) { directoryOnly = true; line = line.TrimEnd('/'); }
        if (line.Length == 0) return null;

        bool anchored = line.Contains('/');
        if (line[0] == '/') line = line[1..];
        var regex = new StringBuilder("^");
        if (!anchored) regex.Append("(?:.*/)?");
        AppendGlob(regex, line);
        regex.Append('$');
        return new Rule(new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline), negated, directoryOnly);
    }

    private static void AppendGlob(StringBuilder regex, string glob)
    {
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                bool startsSegment = i == 0 || glob[i - 1] == '/';
                bool endsWithSlash = i + 2 < glob.Length && glob[i + 2] == '/';
                bool atEnd = i + 2 == glob.Length;
                if (startsSegment && endsWithSlash) { regex.Append("(?:.*/)?"); i += 2; continue; }   // "**/" : zero or more folders
                if (startsSegment && atEnd) { regex.Append(".*"); i += 1; continue; }                 // "/**" : everything inside
                regex.Append("[^/]*"); i += 1; continue;                                              // other "**" act like "*"
            }
            switch (c)
            {
                case '*': regex.Append("[^/]*"); break;
                case '?': regex.Append("[^/]"); break;
                case '\\' when i + 1 < glob.Length: regex.Append(Regex.Escape(glob[++i].ToString())); break;
                case '[':
                    int close = FindClassEnd(glob, i);
                    if (close < 0) { regex.Append("\\["); break; }
                    regex.Append(ClassToRegex(glob[(i + 1)..close]));
                    i = close;
                    break;
                default: regex.Append(Regex.Escape(c.ToString())); break;
            }
        }
    }

    private static int FindClassEnd(string glob, int open)
    {
        int j = open + 1;
        if (j < glob.Length && glob[j] is '!' or '^') j++;
        if (j < glob.Length && glob[j] == ']') j++;   // a leading ']' is literal
        for (; j < glob.Length; j++)
        {
            if (glob[j] == '\\') { j++; continue; }
            if (glob[j] == ']') return j;
        }
        return -1;
    }

    private static string ClassToRegex(string body)
    {
        var sb = new StringBuilder("[");
        int k = 0;
        if (body.Length > 0 && body[0] is '!' or '^') { sb.Append('^'); k = 1; }
        int first = k;
        for (; k < body.Length; k++)
        {
            char c = body[k];
            if (c == '\\' && k + 1 < body.Length) c = body[++k];
            else if (c == '-' && k > first && k + 1 < body.Length) { sb.Append('-'); continue; }
            if (c is '\\' or ']' or '[' or '^' or '-') sb.Append('\\');
            sb.Append(c);
        }
        // A class never matches the path separator.
        return sb.Append("](?<!/)").ToString();
    }
}

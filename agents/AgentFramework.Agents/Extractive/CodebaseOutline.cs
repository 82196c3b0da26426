using AgentFramework.Agents.Text;
using AgentFramework.Citations;
using AgentFramework.Documents;
using AgentFramework.Documents.Folders;

namespace AgentFramework.Agents.Extractive;

/// <summary>
/// The no-model summary of source code: a structured outline (a repository map) — totals by language, the README's first
/// paragraph, entry points, each folder and file with language and size, and each file's top-level declarations with
/// the first sentence of their doc comments. Every line ends with the file:line it was read from and carries a citation
/// of that source line. Lines are kept by rank (overview, folders, files, types, functions; bigger files first) until the
/// word budget is spent, then printed in tree order, with a closing line saying what was left out.
/// </summary>
public static class CodebaseOutline
{
    /// <summary>The title of the outline's trace artifact.</summary>
    public const string ArtifactTitle = "codebase outline";

    private sealed record SourceFile(string Path, string Language, string[] Lines, int ContentStart, int[] LineStarts, FileDeclarations Found);

    private sealed record OutlineLine(string Text, int Rank, long Weight, string SortKey, string? Parent, string File, int Line);

    public static (string Text, IReadOnlyList<Citation> Citations) Build(Document document, int wordBudget)
    {
        var files = ReadFiles(document);
        var lines = new List<OutlineLine>();
        AddOverview(document, files, lines);
        foreach (var folder in files.GroupBy(f => FolderOf(f.Path)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var inFolder = folder.ToList();
            var first = inFolder[0];
            var key = folder.Key.Length == 0 ? "./" : folder.Key + "/";
            lines.Add(new OutlineLine($"{key} — {inFolder.Count} file(s), {inFolder.Sum(f => f.Lines.Length):N0} lines ({Languages(inFolder)})",
                1, inFolder.Sum(f => f.Lines.Length), key, null, first.Path, 1));
            foreach (var file in inFolder)
            {
                var fileKey = key + "\u0001" + file.Path;
                // The file's line carries its docstring, or else its main declaration (C#: usually the one type of the file).
                var main = file.Found.FileDoc is null ? file.Found.Declarations.OrderByDescending(d => d.IsType).ThenBy(d => d.Line).FirstOrDefault() : null;
                var what = file.Found.FileDoc is { } d ? $": {d.Text}" : main is null ? "" : $": {main.Kind} {main.Name}{(main.Doc is null ? "" : " — " + main.Doc)}";
                lines.Add(new OutlineLine($"  {Path.GetFileName(file.Path)} — {file.Language}, {file.Lines.Length:N0} lines{what}",
                    2, file.Lines.Length, fileKey, key, file.Path, file.Found.FileDoc?.Line ?? main?.Line ?? 1));
                foreach (var decl in file.Found.Declarations.Where(x => x != main))
                    lines.Add(new OutlineLine($"    {decl.Kind} {decl.Name}{(decl.Doc is null ? "" : " — " + decl.Doc)}",
                        decl.IsType ? 3 : 4, file.Lines.Length, fileKey + "\u0001" + decl.Line.ToString("D8"), fileKey, file.Path, decl.Line));
            }
        }
        return Render(document, files, lines, wordBudget);
    }

    private static (string, IReadOnlyList<Citation>) Render(Document document, IReadOnlyList<SourceFile> files, List<OutlineLine> lines, int wordBudget)
    {
        var kept = new HashSet<OutlineLine>();
        var keptKeys = new HashSet<string>(StringComparer.Ordinal);
        int words = 0, leftOut = 0;
        foreach (var line in lines.OrderBy(l => l.Rank).ThenByDescending(l => l.Weight).ThenBy(l => l.SortKey, StringComparer.Ordinal))
        {
            int cost = TextTerms.CountWords(line.Text) + 1; // +1: the citation
            if ((line.Parent is not null && !keptKeys.Contains(line.Parent)) || (words + cost > wordBudget && line.Rank > 0)) { leftOut++; continue; }
            kept.Add(line);
            keptKeys.Add(line.SortKey);
            words += cost;
        }
        var byPath = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var text = new List<string>();
        var citations = new List<Citation>();
        foreach (var line in lines.Where(kept.Contains))
        {
            var file = byPath[line.File];
            text.Add($"{line.Text} ({file.Path}:{line.Line})");
            int index = Math.Clamp(line.Line - 1, 0, file.Lines.Length - 1);
            int start = file.ContentStart + file.LineStarts[index];
            citations.Add(new Citation(document.Name, start, start + file.Lines[index].Length, file.Lines[index]));
        }
        if (leftOut > 0) text.Add($"… {leftOut} more outline line(s) left out to stay within {wordBudget} words (raise PipelineRunOptions.SummaryWords to see them)");
        return (string.Join('\n', text), citations);
    }

    private static void AddOverview(Document document, IReadOnlyList<SourceFile> files, List<OutlineLine> lines)
    {
        var first = files[0];
        lines.Add(new OutlineLine($"{document.Name}: {files.Count} file(s), {files.Sum(f => f.Lines.Length):N0} lines — {Languages(files)}",
            0, long.MaxValue, "\u0000a", null, first.Path, 1));
        if (Readme(files) is { } readme)
            lines.Add(new OutlineLine($"README: {readme.Text}", 0, long.MaxValue, "\u0000b", null, readme.File.Path, readme.Line));
        foreach (var file in files.Where(f => f.Found.EntryPoint is not null))
            lines.Add(new OutlineLine($"Entry point: {file.Path} ({file.Found.EntryPoint!.Value.What})", 0, long.MaxValue - 1,
                "\u0000c" + file.Path, null, file.Path, file.Found.EntryPoint.Value.Line));
    }

    // The README closest to the root; its first paragraph of prose (headings, badges and HTML skipped).
    private static (SourceFile File, string Text, int Line)? Readme(IReadOnlyList<SourceFile> files)
    {
        var readme = files.Where(f => Path.GetFileNameWithoutExtension(f.Path).Equals("README", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Path.Count(c => c == '/')).FirstOrDefault();
        if (readme is null) return null;
        for (int i = 0; i < readme.Lines.Length; i++)
        {
            var t = readme.Lines[i].Trim();
            if (t.Length == 0 || t[0] is '#' or '<' or '!' or '[' or '`' or '|' or '=' or '-') continue;
            var paragraph = new List<string>();
            for (int j = i; j < readme.Lines.Length && readme.Lines[j].Trim().Length > 0; j++) paragraph.Add(readme.Lines[j].Trim());
            var words = string.Join(' ', paragraph).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (readme, words.Length <= 60 ? string.Join(' ', words) : string.Join(' ', words.Take(60)) + " …", i + 1);
        }
        return null;
    }

    private static string Languages(IEnumerable<SourceFile> files) => string.Join(", ", files.GroupBy(f => f.Language)
        .OrderByDescending(g => g.Sum(f => f.Lines.Length)).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Key} {g.Count()}"));

    private static string FolderOf(string path) => path.Contains('/') ? path[..path.LastIndexOf('/')] : "";

    // Each file's own text, never the loader's "=== path ===" header line.
    private static List<SourceFile> ReadFiles(Document document)
    {
        var spans = document.Files.Count > 0
            ? document.Files.Select(f => (f.RelativePath, f.Language, Start: f.Start + FolderDocumentReader.HeaderLine(f.RelativePath).Length, f.End))
            : [(Path.GetFileName(document.Name), SourceLanguages.ForPath(document.Name), 0, document.Text.Length)];
        var files = new List<SourceFile>();
        foreach (var (path, language, start, end) in spans)
        {
            var content = document.Text[start..Math.Max(start, end)].TrimEnd('\n');
            var raw = content.Split('\n');
            var lines = raw.Select(l => l.TrimEnd('\r')).ToArray();
            var starts = new int[lines.Length];
            for (int i = 1; i < lines.Length; i++) starts[i] = starts[i - 1] + raw[i - 1].Length + 1;
            files.Add(new SourceFile(path, language, lines, start, starts, CodeDeclarations.Read(language, lines)));
        }
        return files;
    }
}

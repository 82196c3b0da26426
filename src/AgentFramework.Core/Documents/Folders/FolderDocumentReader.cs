using System.Text;
using AgentFramework.Documents.Readers;
using AgentFramework.Errors;

namespace AgentFramework.Documents.Folders;

/// <summary>
/// A folder as one <see cref="DocumentKind.Collection"/> document: every text file under it (recursively) in ordinal
/// order of relative path, each introduced by a line <c>=== relative/path ===</c>. Honours .gitignore files (root and
/// nested), and skips <c>bin/ obj/ .git/ node_modules/</c>, files of types a single file would be refused for, binary
/// files and files over the size limit (with a warning). PDF and DOCX files go through their readers; the others are read as text.
/// </summary>
public sealed class FolderDocumentReader(DocumentLoaderOptions options, IReadOnlyList<IDocumentReader> readers)
{
    public static readonly IReadOnlySet<string> SkippedFolders = new HashSet<string>(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules" };

    private readonly Dictionary<string, IDocumentReader> _byExtension = readers
        .SelectMany(r => r.Extensions.Select(e => (e, r)))
        .GroupBy(x => x.e, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().r, StringComparer.OrdinalIgnoreCase);

    private readonly IDocumentReader _text = readers.OfType<PlainTextReader>().FirstOrDefault() ?? new PlainTextReader();

    // Hidden files are read (.gitignore decides); folders we may not list are skipped rather than failing the load.
    private static readonly EnumerationOptions Enumeration = new() { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false };

    public static string HeaderLine(string relativePath) => $"=== {relativePath} ===\n";

    public async Task<Document> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        // The same file types as a single file (SourceLanguages.IsSupportedPath); the others are named in one warning.
        var listed = ListFiles(folder);
        var files = listed.Where(f => SourceLanguages.IsSupportedPath(f.Relative)).ToList();
        if (files.Count < listed.Count)
        {
            var skippedTypes = listed.Where(f => !SourceLanguages.IsSupportedPath(f.Relative))
                .Select(f => Path.GetExtension(f.Relative) is { Length: > 0 } e ? e : Path.GetFileName(f.Relative)).Distinct().Order(StringComparer.Ordinal).ToList();
            warnings.Add($"skipped {listed.Count - files.Count} file(s) of unsupported types ({string.Join(' ', skippedTypes.Take(10))}{(skippedTypes.Count > 10 ? " …" : "")})");
        }
        var text = new StringBuilder();
        var documentFiles = new List<DocumentFile>();
        var segments = new List<SourceSegment>();
        var sections = new List<DocumentSection>();

        foreach (var (relative, fullPath) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var content = await ReadFileAsync(relative, fullPath, warnings, cancellationToken);
            if (content is null || string.IsNullOrWhiteSpace(content.Text)) continue;
            warnings.AddRange(content.Warnings);

            int blockStart = text.Length;
            text.Append(HeaderLine(relative));
            int contentStart = text.Length;
            text.Append(content.Text);
            if (!content.Text.EndsWith('\n')) text.Append('\n');
            text.Append('\n'); // blank line between files
            int blockEnd = text.Length;

            documentFiles.Add(new DocumentFile(relative, SourceLanguages.ForPath(relative), blockStart, blockEnd));
            segments.Add(new SourceSegment(blockStart, contentStart, relative, null, 1));
            for (int i = 0; i < content.Segments.Count; i++)
            {
                var s = content.Segments[i];
                int end = i == content.Segments.Count - 1 ? blockEnd : contentStart + s.End;
                segments.Add(s with { Start = contentStart + s.Start, End = end, File = relative });
            }
            sections.AddRange(content.Sections.Select(s => s with { Start = contentStart + s.Start, End = contentStart + s.End }));
        }

        if (documentFiles.Count == 0)
            throw new DocumentLoadException(folder, $"{folder}: the folder has no text files to read (after .gitignore, bin/obj/.git/node_modules, binary and oversized files); give a folder with text or code");

        var result = text.ToString();
        return new Document(DocumentId.ForText(result), folder, result, DocumentKind.Collection, sections,
            new SourceMap(segments, result), documentFiles, warnings);
    }

    /// <summary>Files to read, as (relative path with '/', full path), in ordinal order of relative path.</summary>
    public static IReadOnlyList<(string Relative, string FullPath)> ListFiles(string folder)
    {
        var found = new List<(string, string)>();
        Walk(new DirectoryInfo(folder), "", [], found);
        found.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return found;
    }

    private static void Walk(DirectoryInfo directory, string relativeDirectory, List<GitIgnoreFile> ignores, List<(string, string)> found)
    {
        var gitignore = Path.Combine(directory.FullName, ".gitignore");
        bool pushed = false;
        if (File.Exists(gitignore))
        {
            try
            {
                ignores.Add(GitIgnoreFile.Parse(File.ReadAllText(gitignore), relativeDirectory));
                pushed = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // An unreadable .gitignore ignores nothing; the walk goes on.
            }
        }
        foreach (var entry in directory.EnumerateFileSystemInfos("*", Enumeration))
        {
            var relative = relativeDirectory.Length == 0 ? entry.Name : $"{relativeDirectory}/{entry.Name}";
            if (entry is DirectoryInfo sub)
            {
                // Linked folders are not followed: they can form cycles or leave the tree.
                if (SkippedFolders.Contains(sub.Name) || sub.LinkTarget is not null || IsIgnored(ignores, relative, true)) continue;
                Walk(sub, relative, ignores, found);
            }
            else if (entry.Name != ".git" && !IsIgnored(ignores, relative, false)) // a worktree's .git is a file
                found.Add((relative, entry.FullName));
        }
        if (pushed) ignores.RemoveAt(ignores.Count - 1);
    }

    // The deepest .gitignore with a matching pattern decides, as in git.
    private static bool IsIgnored(List<GitIgnoreFile> ignores, string relative, bool isDirectory)
    {
        for (int i = ignores.Count - 1; i >= 0; i--)
            if (ignores[i].IsIgnored(relative, isDirectory) is { } ignored) return ignored;
        return false;
    }

    private async Task<DocumentContent?> ReadFileAsync(string relative, string fullPath, List<string> warnings, CancellationToken ct)
    {
        var info = new FileInfo(fullPath);
        if (info.Length > options.MaxFileBytes)
        {
            warnings.Add($"{relative}: skipped, {info.Length} bytes is over the {options.MaxFileBytes}-byte limit");
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(fullPath, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings.Add($"{relative}: skipped, cannot be read ({e.Message})");
            return null;
        }
        var reader = _byExtension.GetValueOrDefault(Path.GetExtension(relative)) ?? _text;
        if (!reader.ReadsBinary && BinaryDetector.LooksBinary(bytes))
        {
            // Binary files are expected in a source tree (images, archives): skipping them is not worth a warning each.
            return null;
        }
        try
        {
            return reader.Read(relative, bytes, ct);
        }
        catch (DocumentLoadException e)
        {
            warnings.Add($"skipped: {e.Message}");
            return null;
        }
    }
}

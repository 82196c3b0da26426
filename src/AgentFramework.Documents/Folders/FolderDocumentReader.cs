using System.Text;
using AgentFramework.Documents.Readers;
using AgentFramework.Errors;

namespace AgentFramework.Documents.Folders;

/// <summary>
/// A folder as one <see cref="DocumentKind.Collection"/> document: every text file under it (recursively) in ordinal
/// order of relative path, each introduced by a line <c>=== relative/path ===</c>. Honours .gitignore files (root and
/// nested), and skips <c>bin/ obj/ .git/ node_modules/</c>, files of types a single file would be refused for, binary
/// files and files over the size limit (with a warning). PDF and DOCX files go through their readers; the others are read
/// as text. One bad file never fails the folder: unreadable files, FIFOs, devices, broken links and files over a limit are
/// skipped with a warning each. The walk keeps its own stack of folders, so a deep tree costs heap, not call stack.
/// </summary>
public sealed class FolderDocumentReader(DocumentLimits limits, IReadOnlyList<IDocumentReader> readers)
{
    public FolderDocumentReader(DocumentLoaderOptions options, IReadOnlyList<IDocumentReader> readers) : this(new DocumentLimits(options), readers) { }

    public static readonly IReadOnlySet<string> SkippedFolders = new HashSet<string>(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules" };

    private readonly Dictionary<string, IDocumentReader> _byExtension = DocumentLoader.ByExtension(readers);

    private readonly IDocumentReader _text = readers.OfType<PlainTextReader>().FirstOrDefault() ?? new PlainTextReader();

    // Hidden files are read (.gitignore decides); folders we may not list are skipped rather than failing the load.
    private static readonly EnumerationOptions Enumeration = new() { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false };

    public static string HeaderLine(string relativePath) => $"=== {relativePath} ===\n";

    /// <remarks>Files are read synchronously, one after another (see <see cref="BoundedFileReader"/>); the task is complete when returned.</remarks>
    public Task<Document> ReadAsync(string folder, CancellationToken cancellationToken) => Task.FromResult(Read(folder, cancellationToken));

    private Document Read(string folder, CancellationToken cancellationToken)
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
            var content = ReadFile(relative, fullPath, warnings, cancellationToken);
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
        var pending = new Stack<(DirectoryInfo Directory, string Relative, IgnoreChain? Ignores)>();
        pending.Push((new DirectoryInfo(folder), "", null));
        while (pending.Count > 0)
        {
            var (directory, relativeDirectory, ignores) = pending.Pop();
            ignores = WithGitIgnore(directory, relativeDirectory, ignores);
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = directory.EnumerateFileSystemInfos("*", Enumeration).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // a folder we may not list is skipped, as IgnoreInaccessible does below the top
            }
            foreach (var entry in entries)
            {
                var relative = relativeDirectory.Length == 0 ? entry.Name : $"{relativeDirectory}/{entry.Name}";
                if (entry is DirectoryInfo sub)
                {
                    // Linked folders are not followed: they can form cycles or leave the tree.
                    if (SkippedFolders.Contains(sub.Name) || sub.LinkTarget is not null || IsIgnored(ignores, relative, true)) continue;
                    pending.Push((sub, relative, ignores));
                }
                else if (entry.Name != ".git" && !IsIgnored(ignores, relative, false)) // a worktree's .git is a file
                    found.Add((relative, entry.FullName));
            }
        }
        found.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return found;
    }

    /// <summary>The .gitignore files that apply to a folder, deepest first.</summary>
    private sealed record IgnoreChain(GitIgnoreFile File, IgnoreChain? Parent);

    private static IgnoreChain? WithGitIgnore(DirectoryInfo directory, string relativeDirectory, IgnoreChain? ignores)
    {
        var gitignore = Path.Combine(directory.FullName, ".gitignore");
        if (!File.Exists(gitignore)) return ignores;
        try
        {
            return new IgnoreChain(GitIgnoreFile.Parse(File.ReadAllText(gitignore), relativeDirectory), ignores);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ignores; // an unreadable .gitignore ignores nothing; the walk goes on
        }
    }

    // The deepest .gitignore with a matching pattern decides, as in git.
    private static bool IsIgnored(IgnoreChain? ignores, string relative, bool isDirectory)
    {
        for (var current = ignores; current is not null; current = current.Parent)
            if (current.File.IsIgnored(relative, isDirectory) is { } ignored) return ignored;
        return false;
    }

    private DocumentContent? ReadFile(string relative, string fullPath, List<string> warnings, CancellationToken ct)
    {
        try
        {
            var bytes = BoundedFileReader.Read(fullPath, relative, limits.Options.MaxFileBytes, ct);
            var reader = _byExtension.GetValueOrDefault(Path.GetExtension(relative)) ?? _text;
            // Binary files are expected in a source tree (images, archives): skipping them is not worth a warning each.
            if (!reader.ReadsBinary && BinaryDetector.LooksBinary(bytes)) return null;
            return DocumentLoader.ReadWithinLimits(relative, bytes, reader, limits, ct);
        }
        catch (DocumentLoadException e)
        {
            warnings.Add($"skipped: {e.Message}");
            return null;
        }
    }
}

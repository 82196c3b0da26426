using System.Text;
using AgentFramework.Documents;
using AgentFramework.Errors;

namespace AgentFramework.Cli.Reading;

/// <summary>
/// Loads the PATH of a reading command. Interim loader (plain text files; folders as their text files in path order
/// with file spans) until the foundation's DocumentLoader is on main.
/// </summary>
public static class CliDocuments
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { ".git", "bin", "obj", "node_modules", ".agentfw" };

    public static async Task<Document> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            var input = await Console.In.ReadToEndAsync(cancellationToken);
            return NonEmpty(Document.FromText(input, "stdin"), path);
        }
        if (File.Exists(path)) return NonEmpty(Document.FromText(await File.ReadAllTextAsync(path, cancellationToken), path, KindOf(path)), path);
        if (Directory.Exists(path)) return NonEmpty(await LoadFolderAsync(path, cancellationToken), path);
        throw new DocumentLoadException(path, $"{path}: no such file or folder; give the path of a document or a source folder");
    }

    private static async Task<Document> LoadFolderAsync(string root, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var files = new List<DocumentFile>();
        var segments = new List<SourceSegment>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                     .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(SkippedFolders.Contains))
                     .Order(StringComparer.Ordinal))
        {
            var content = await File.ReadAllTextAsync(file, cancellationToken);
            if (content.Contains('\0') || string.IsNullOrWhiteSpace(content)) continue;
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            int start = text.Length;
            text.Append(content);
            if (!content.EndsWith('\n')) text.Append('\n');
            files.Add(new DocumentFile(relative, Path.GetExtension(file).TrimStart('.'), start, text.Length));
            segments.Add(new SourceSegment(start, text.Length, relative, null, 1));
        }
        var all = text.ToString();
        return new Document(DocumentId.ForText(all), root, all, DocumentKind.Collection, [], new SourceMap(segments, all), files, []);
    }

    private static DocumentKind KindOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".md" or ".markdown" => DocumentKind.Markdown,
        ".cs" or ".py" or ".js" or ".ts" or ".java" or ".go" or ".rs" or ".c" or ".cpp" or ".h" => DocumentKind.SourceCode,
        _ => DocumentKind.PlainText,
    };

    private static Document NonEmpty(Document document, string path) => string.IsNullOrWhiteSpace(document.Text)
        ? throw new DocumentLoadException(path, $"{path} has no text to read")
        : document;
}

using System.Text;
using AgentFramework.Documents;
using AgentFramework.Errors;

namespace AgentFramework.Retrieval.Ingestion;

/// <summary>
/// Minimal loader for UTF-8 text files, used for ingestion until Core's DocumentLoader (txt, md, html, pdf, docx) is
/// available; it rejects files that look binary. The document is named by the path as given.
/// </summary>
public sealed class PlainTextDocumentLoader : IDocumentLoader
{
    public async Task<Document> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new DocumentLoadException(path, $"'{path}' does not exist");
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        if (bytes.AsSpan(0, Math.Min(bytes.Length, 8192)).Contains((byte)0))
            throw new DocumentLoadException(path, $"'{path}' looks binary (NUL bytes): give a text file");
        var text = new UTF8Encoding(false, false).GetString(bytes).TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(text)) throw new DocumentLoadException(path, $"'{path}' is empty");
        return Document.FromText(text, path, Path.GetExtension(path).ToLowerInvariant() is ".md" or ".markdown" ? DocumentKind.Markdown : DocumentKind.PlainText);
    }
}

using AgentFramework.Documents.Folders;
using AgentFramework.Documents.Readers;
using AgentFramework.Errors;

namespace AgentFramework.Documents;

/// <summary>
/// Loads a file (by extension: text and source code, Markdown, HTML, PDF, DOCX), a folder (a codebase or a
/// collection of documents) or "-" (standard input, read as text) into a <see cref="Document"/>.
/// Every user mistake is a <see cref="DocumentLoadException"/> with one line naming the path and what to do.
/// Text files are decoded by <see cref="TextDecoder"/> (UTF-8 with or without BOM, UTF-16 with BOM) and their line
/// endings normalised to "\n": all offsets, spans and line numbers refer to that normalised text.
/// </summary>
public sealed class DocumentLoader : IDocumentLoader
{
    public const string StandardInputPath = "-";

    private readonly DocumentLoaderOptions _options;
    private readonly DocumentLimits _limits;
    private readonly IReadOnlyList<IDocumentReader> _readers;
    private readonly Dictionary<string, IDocumentReader> _byExtension;
    private readonly Func<Stream> _standardInput;

    /// <param name="standardInput">Opens the stream read for "-" (defaults to the process's standard input).</param>
    public DocumentLoader(DocumentLoaderOptions? options = null, IEnumerable<IDocumentReader>? readers = null, Func<Stream>? standardInput = null)
    {
        _options = options ?? new DocumentLoaderOptions();
        _limits = new DocumentLimits(_options);
        _readers = (readers ?? DefaultReaders(_limits)).ToArray();
        _byExtension = ByExtension(_readers);
        _standardInput = standardInput ?? Console.OpenStandardInput;
    }

    /// <param name="limits">Limits shared by one load (one per loader); the defaults when null.</param>
    public static IEnumerable<IDocumentReader> DefaultReaders(DocumentLimits? limits = null)
    {
        limits ??= new DocumentLimits();
        return [new PlainTextReader(), new MarkdownReader(), new HtmlReader(limits), new PdfReader(limits), new DocxReader(limits)];
    }

    /// <summary>Each extension's reader: the first of <paramref name="readers"/> that names it (any case).</summary>
    internal static Dictionary<string, IDocumentReader> ByExtension(IEnumerable<IDocumentReader> readers)
    {
        var byExtension = new Dictionary<string, IDocumentReader>(StringComparer.OrdinalIgnoreCase);
        foreach (var reader in readers)
            foreach (var extension in reader.Extensions) byExtension.TryAdd(extension, reader);
        return byExtension;
    }

    /// <summary>Extensions accepted for a single file, sorted.</summary>
    public IEnumerable<string> SupportedExtensions => _byExtension.Keys.Order(StringComparer.Ordinal);

    public async Task<Document> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new DocumentLoadException("path", "no path given; give a file, a folder, or - for standard input");
        if (path == StandardInputPath) return await LoadStandardInputAsync(cancellationToken).ConfigureAwait(false);
        if (Directory.Exists(path)) return await new FolderDocumentReader(_limits, _readers).ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (FileKind.Of(path) == FileKindValue.Missing)
            throw new DocumentLoadException(path, $"{path}: no such file or folder; check the path (or give - to read standard input)");

        var extension = Path.GetExtension(path);
        if (!_byExtension.TryGetValue(extension, out var reader) && SourceLanguages.IsKnownFileName(path))
            reader = _readers.OfType<PlainTextReader>().FirstOrDefault();
        if (reader is null)
        {
            var what = extension.Length == 0 ? "files without an extension are not supported" : $"unsupported file type '{extension}'";
            throw new DocumentLoadException(path, $"{path}: {what}; supported: {string.Join(' ', SupportedExtensions)} or a folder");
        }
        var bytes = BoundedFileReader.Read(path, path, _options.MaxFileBytes, cancellationToken);
        return FromBytes(path, bytes, reader, _limits, cancellationToken);
    }

    private async Task<Document> LoadStandardInputAsync(CancellationToken cancellationToken)
    {
        const string name = "stdin";
        var input = _standardInput();
        await using var inputScope = input.ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > _options.MaxFileBytes)
                throw new DocumentLoadException(StandardInputPath, $"standard input is over the {_options.MaxFileBytes}-byte limit; save it to a file and split it");
        }
        return FromBytes(name, buffer.ToArray(), _readers.OfType<PlainTextReader>().FirstOrDefault() ?? new PlainTextReader(), _limits, cancellationToken);
    }

    private static Document FromBytes(string path, byte[] bytes, IDocumentReader reader, DocumentLimits limits, CancellationToken cancellationToken)
    {
        if (!reader.ReadsBinary && BinaryDetector.LooksBinary(bytes))
            throw new DocumentLoadException(path, $"{path}: looks like a binary file, not text; give a text, Markdown, HTML, PDF or DOCX file or a source folder");
        var content = ReadWithinLimits(path, bytes, reader, limits, cancellationToken);
        if (string.IsNullOrWhiteSpace(content.Text))
            throw new DocumentLoadException(path, $"{path}: the document is empty (no text to read); give a file that contains text");
        IReadOnlyList<DocumentFile> files = content.Kind == DocumentKind.SourceCode
            ? [new DocumentFile(Path.GetFileName(path), SourceLanguages.ForPath(path), 0, content.Text.Length)]
            : [];
        return new Document(DocumentId.ForText(content.Text), path, content.Text, content.Kind, content.Sections,
            new SourceMap(content.Segments, content.Text), files, content.Warnings);
    }

    /// <summary>
    /// Runs a reader under the per-file time limit (readers check the token between pages, paragraphs and tokens) and
    /// the character limit; a limit reached is a <see cref="DocumentLoadException"/> naming it.
    /// </summary>
    internal static DocumentContent ReadWithinLimits(string path, byte[] bytes, IDocumentReader reader, DocumentLimits limits, CancellationToken cancellationToken)
    {
        using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeLimit.CancelAfter(limits.Options.MaxParseTime);
        DocumentContent content;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            content = reader.Read(path, bytes, timeLimit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw limits.TooSlow(path);
        }
        // The timer's cancellation can arrive late on a busy machine (its callback waits for a pool thread): a read
        // that finished past the limit is refused all the same, so the limit does not depend on the load.
        if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > limits.Options.MaxParseTime) throw limits.TooSlow(path);
        limits.CheckCharacters(path, content.Text.Length);
        return content;
    }
}

using AgentFramework.Errors;

namespace AgentFramework.Documents;

/// <summary>
/// The limits of one load (<see cref="DocumentLoaderOptions"/>) plus what this load has inflated so far, shared by the
/// readers. Every limit error is a <see cref="DocumentLoadException"/> naming the file, the limit and the flag that raises it.
/// </summary>
public sealed class DocumentLimits(DocumentLoaderOptions options)
{
    private long _runDecompressed;

    public DocumentLimits() : this(new DocumentLoaderOptions()) { }

    public DocumentLoaderOptions Options { get; } = options;

    /// <summary>Counts <paramref name="bytes"/> more inflated bytes of <paramref name="path"/> against the per-run limit.</summary>
    public void ChargeRun(string path, long bytes)
    {
        if (Interlocked.Add(ref _runDecompressed, bytes) > Options.MaxRunDecompressedBytes)
            throw new DocumentLoadException(path,
                $"{path}: this run has inflated over {Options.MaxRunDecompressedBytes} bytes of compressed content in total (limit per run); load fewer or smaller files at once");
    }

    public DocumentLoadException DecompressedTooLarge(string path) => new(path,
        $"{path}: inflates to over {Options.MaxDecompressedBytes} bytes (a decompression bomb or a huge embedded part); skipped. Raise the limit with DocumentLoaderOptions.MaxDecompressedBytes if the file is genuine");

    public DocumentLoadException TooManyCharacters(string path) => new(path,
        $"{path}: over {Options.MaxCharacters} characters of text; split the file or raise the limit with DocumentLoaderOptions.MaxCharacters");

    public DocumentLoadException TooDeep(string path) => new(path,
        $"{path}: elements nested over {Options.MaxNestingDepth} levels deep (a malformed or hostile file); raise the limit with DocumentLoaderOptions.MaxNestingDepth if it is genuine");

    public DocumentLoadException TooSlow(string path) => new(path,
        $"{path}: reading took longer than {Options.MaxParseTime.TotalSeconds:0.#} s (limit per file); raise it with DocumentLoaderOptions.MaxParseTime or simplify the file");

    /// <summary>Throws <see cref="TooManyCharacters"/> when <paramref name="characters"/> is over the limit.</summary>
    public void CheckCharacters(string path, long characters)
    {
        if (characters > Options.MaxCharacters) throw TooManyCharacters(path);
    }
}

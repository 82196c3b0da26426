namespace AgentFramework.Documents;

/// <summary>
/// Limits applied while loading documents, so that a hostile or broken file (a zip bomb, a Flate bomb, nesting
/// thousands of levels deep, a FIFO or a link to a device) is refused with one line instead of exhausting memory,
/// time or the stack. A single file over a limit is an error naming the limit and its agentfw flag; inside a folder
/// the file is skipped with a warning and the rest is read.
/// </summary>
public sealed class DocumentLoaderOptions
{
    public const long DefaultMaxFileBytes = 10 * 1024 * 1024;
    public const long DefaultMaxDecompressedBytes = 128L * 1024 * 1024;
    public const long DefaultMaxRunDecompressedBytes = 1024L * 1024 * 1024;
    public const int DefaultMaxCharacters = 32 * 1024 * 1024;
    public const int DefaultMaxNestingDepth = 1000;
    public static readonly TimeSpan DefaultMaxParseTime = TimeSpan.FromSeconds(20);

    /// <summary>Largest file read, in bytes on disk (or read from a stream). agentfw: --max-file-mb.</summary>
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>Most bytes one container file (DOCX parts, PDF streams) may inflate to. agentfw: --max-decompressed-mb.</summary>
    public long MaxDecompressedBytes { get; set; } = DefaultMaxDecompressedBytes;

    /// <summary>Most bytes all the files of one load (a folder) may inflate to together.</summary>
    public long MaxRunDecompressedBytes { get; set; } = DefaultMaxRunDecompressedBytes;

    /// <summary>Most characters of text extracted from one file. agentfw: --max-chars.</summary>
    public int MaxCharacters { get; set; } = DefaultMaxCharacters;

    /// <summary>Deepest element nesting read in HTML and DOCX XML. agentfw: --max-nesting.</summary>
    public int MaxNestingDepth { get; set; } = DefaultMaxNestingDepth;

    /// <summary>Longest time spent extracting one file. agentfw: --max-parse-seconds.</summary>
    public TimeSpan MaxParseTime { get; set; } = DefaultMaxParseTime;
}

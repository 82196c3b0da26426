using System.CommandLine;
using System.Globalization;
using AgentFramework.Documents;
using AgentFramework.Errors;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>
/// The document loader's limits as flags every command accepts (recursive on the root command): a hostile file is
/// refused (or skipped inside a folder) with a line naming the limit and the flag that raises it.
/// </summary>
public static class DocumentLimitOptions
{
    public static readonly Option<double> MaxFileMb = new("--max-file-mb")
    {
        Description = "Largest file read, in MiB (default 10); inside a folder larger files are skipped with a warning",
        DefaultValueFactory = _ => DocumentLoaderOptions.DefaultMaxFileBytes / (1024.0 * 1024.0),
        Recursive = true,
    };

    public static readonly Option<double> MaxDecompressedMb = new("--max-decompressed-mb")
    {
        Description = $"Most MiB one DOCX/PDF may inflate to (default {DocumentLoaderOptions.DefaultMaxDecompressedBytes >> 20}): refuses decompression bombs",
        DefaultValueFactory = _ => DocumentLoaderOptions.DefaultMaxDecompressedBytes / (1024.0 * 1024.0),
        Recursive = true,
    };

    public static readonly Option<int> MaxChars = new("--max-chars")
    {
        Description = $"Most characters of text taken from one file (default {DocumentLoaderOptions.DefaultMaxCharacters})",
        DefaultValueFactory = _ => DocumentLoaderOptions.DefaultMaxCharacters,
        Recursive = true,
    };

    public static readonly Option<int> MaxNesting = new("--max-nesting")
    {
        Description = $"Deepest element nesting read in HTML and DOCX (default {DocumentLoaderOptions.DefaultMaxNestingDepth})",
        DefaultValueFactory = _ => DocumentLoaderOptions.DefaultMaxNestingDepth,
        Recursive = true,
    };

    public static readonly Option<double> MaxParseSeconds = new("--max-parse-seconds")
    {
        Description = $"Longest time spent extracting one file (default {DocumentLoaderOptions.DefaultMaxParseTime.TotalSeconds:0})",
        DefaultValueFactory = _ => DocumentLoaderOptions.DefaultMaxParseTime.TotalSeconds,
        Recursive = true,
    };

    public static IEnumerable<Option> All => [MaxFileMb, MaxDecompressedMb, MaxChars, MaxNesting, MaxParseSeconds];

    /// <summary>The limits of this command line (set by <see cref="CommandAction"/> before a command runs).</summary>
    public static DocumentLoaderOptions Current { get; private set; } = new();

    /// <summary>Validates the flags (finite, positive, bounded) and makes them <see cref="Current"/>.</summary>
    public static DocumentLoaderOptions Read(ParseResult parse)
    {
        const double maxMb = 1 << 20; // 1 TiB: far above anything sensible, and no overflow when turned into bytes
        double fileMb = Positive(parse, MaxFileMb, maxMb), inflatedMb = Positive(parse, MaxDecompressedMb, maxMb);
        double seconds = Positive(parse, MaxParseSeconds, NumericLimits.MaxTimeoutSeconds);
        int chars = parse.GetValue(MaxChars), nesting = parse.GetValue(MaxNesting);
        if (chars < 1) throw new InvalidOptionException("--max-chars", $"--max-chars {chars} must be at least 1");
        if (nesting is < 1 or > 1_000_000) throw new InvalidOptionException("--max-nesting", $"--max-nesting {nesting} must be between 1 and 1000000");
        var inflated = (long)(inflatedMb * 1024 * 1024);
        Current = new DocumentLoaderOptions
        {
            MaxFileBytes = (long)(fileMb * 1024 * 1024),
            MaxDecompressedBytes = inflated,
            MaxRunDecompressedBytes = Math.Max(DocumentLoaderOptions.DefaultMaxRunDecompressedBytes, inflated),
            MaxCharacters = chars,
            MaxNestingDepth = nesting,
            MaxParseTime = TimeSpan.FromSeconds(seconds),
        };
        return Current;
    }

    private static double Positive(ParseResult parse, Option<double> option, double max)
    {
        var value = parse.GetValue(option);
        if (!double.IsFinite(value) || value <= 0 || value > max)
            throw new InvalidOptionException(option.Name, $"{option.Name} must be more than 0 and at most {max.ToString(CultureInfo.InvariantCulture)} (got {value.ToString(CultureInfo.InvariantCulture)})");
        return value;
    }
}

using System.Text.RegularExpressions;

namespace AgentFramework.IntegrationTests.Docs;

/// <summary>A fenced code block of README.md: its language, first line number, text, and skip reason if marked.</summary>
public sealed record ReadmeBlock(string Language, int Line, string Code, string? SkipReason)
{
    public override string ToString() => $"README.md:{Line} ({Language})";
}

/// <summary>
/// Reads the ```bash and ```csharp blocks of README.md. A block is excluded only by an explicit marker on the line
/// above it (blank lines allowed between): <c>&lt;!-- doctest: skip REASON --&gt;</c>.
/// </summary>
public static partial class ReadmeBlocks
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static IReadOnlyList<ReadmeBlock> Read(string? readmePath = null)
    {
        var lines = File.ReadAllLines(readmePath ?? Path.Combine(RepositoryRoot, "README.md"));
        var blocks = new List<ReadmeBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success || open.Groups["lang"].Value is not ("bash" or "csharp")) continue;
            int first = i + 1;
            int close = Array.FindIndex(lines, first, l => l.TrimEnd() == "```");
            if (close < 0) throw new InvalidDataException($"README.md:{i + 1}: the code block is never closed");
            string? skip = null;
            for (int j = i - 1; j >= 0 && skip is null; j--)
            {
                if (lines[j].Trim().Length == 0) continue;
                var marker = SkipMarker().Match(lines[j]);
                if (marker.Success) skip = marker.Groups["reason"].Value.Trim();
                break;
            }
            blocks.Add(new ReadmeBlock(open.Groups["lang"].Value, first, string.Join('\n', lines[first..close]) + "\n", skip));
            i = close;
        }
        return blocks;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln"))) return dir.FullName;
        throw new InvalidOperationException("AgentFramework.sln not found above the test folder");
    }

    [GeneratedRegex(@"^```(?<lang>\w+)\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^<!--\s*doctest:\s*skip\s+(?<reason>.+?)\s*-->\s*$")]
    private static partial Regex SkipMarker();
}

namespace AgentFramework.Evaluation.Synthetic;

/// <summary>
/// The Paul Graham essays that NIAH and RULER use as haystack: the .txt files in file-name order, joined by blank
/// lines and repeated when more text is needed. The seed picks the essay to start from.
/// </summary>
public sealed class PaulGrahamFiller : IFillerSource
{
    private readonly IReadOnlyList<string> _essays;

    private PaulGrahamFiller(IReadOnlyList<string> essays) => _essays = essays;

    public string Name => "paul-graham-essays";

    /// <summary>The essays under <c>{dataDir}/paul-graham-essays</c>, or null when that folder has none.</summary>
    public static PaulGrahamFiller? TryLoad(string? dataDir)
    {
        var folder = dataDir is null ? null : Path.Combine(dataDir, "paul-graham-essays");
        if (folder is null || !Directory.Exists(folder)) return null;
        var essays = Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal)
            .Select(f => File.ReadAllText(f).Trim()).Where(t => t.Length > 0).ToList();
        return essays.Count == 0 ? null : new PaulGrahamFiller(essays);
    }

    public string Text(int minChars, int seed)
    {
        var builder = new System.Text.StringBuilder(minChars + 20_000);
        int start = (int)((uint)seed % (uint)_essays.Count);
        for (int i = 0; builder.Length < minChars; i++)
        {
            if (builder.Length > 0) builder.Append("\n\n");
            builder.Append(_essays[(start + i) % _essays.Count]);
        }
        return builder.ToString();
    }
}

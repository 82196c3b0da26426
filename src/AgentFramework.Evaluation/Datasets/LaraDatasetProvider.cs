using AgentFramework.Errors;
using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>LaRA: <c>lara:32k</c> and <c>lara:128k</c> are the query files and contexts under lara/.</summary>
public sealed class LaraDatasetProvider : IDatasetProvider
{
    private const string Prefix = "lara:";

    public string Family => "LaRA";

    public string NameSyntax => "lara:32k, lara:128k";

    public bool Matches(string name) => name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<BenchmarkCase> Load(string name, DatasetContext context)
    {
        if (!LaraLoader.Lengths.Contains(name[Prefix.Length..].ToLowerInvariant()))
            throw new InvalidOptionException("BenchmarkCase.Dataset", $"BenchmarkCase.Dataset {name}: LaRA comes in lara:32k and lara:128k.");
        return LaraLoader.Load(context.RequireFolder("lara", name), name.Split(':')[1], name);
    }

    public IEnumerable<DatasetInfo> List(DatasetContext context) =>
        context.Folder("lara") is { } dir && Directory.Exists(Path.Combine(dir, "query"))
            ? LaraLoader.Lengths.Select(length => new DatasetInfo($"{Prefix}{length}", Family, LaraLoader.Count(dir, length), dir))
            : [];

    public bool Recognizes(string path) => DatasetFormatDetector.TryDetect(path) == DatasetFormat.Lara;

    public IReadOnlyList<BenchmarkCase> LoadPath(string path, string dataset, ITokenCounter? counter) =>
        Directory.Exists(path)
            ? [.. LaraLoader.Load(path, "32k", dataset), .. LaraLoader.Load(path, "128k", dataset)]
            // A single query file: contexts live in ../<length>/<category>/ relative to its query/ folder.
            : LaraLoader.LoadQueryFile(path, Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(path)))!, dataset);
}

using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>Summary of a Haystack: <c>summhay</c> is the haystack JSON files under summhay/.</summary>
public sealed class SummHayDatasetProvider : IDatasetProvider
{
    private const string Name = "summhay";

    public string Family => "Summary of a Haystack";

    public string NameSyntax => Name;

    public bool Matches(string name) => string.Equals(name, Name, StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<BenchmarkCase> Load(string name, DatasetContext context) =>
        SummHayLoader.Load(context.RequireFolder("summhay", name), name, context.Counter);

    public IEnumerable<DatasetInfo> List(DatasetContext context) =>
        context.Folder("summhay") is { } dir && Directory.EnumerateFiles(dir, "*.json").Any()
            ? [new DatasetInfo(Name, Family, SummHayLoader.Count(dir), dir)]
            : [];

    public bool Recognizes(string path) => DatasetFormatDetector.TryDetect(path) == DatasetFormat.SummHay;

    public IReadOnlyList<BenchmarkCase> LoadPath(string path, string dataset, ITokenCounter? counter) => SummHayLoader.Load(path, dataset, counter);
}

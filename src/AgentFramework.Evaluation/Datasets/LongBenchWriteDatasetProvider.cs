using AgentFramework.Errors;
using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>LongBench-Write: <c>longbench-write</c>, <c>longbench-write:en</c> and <c>longwrite-ruler</c> under longwriter/.</summary>
public sealed class LongBenchWriteDatasetProvider : IDatasetProvider
{
    private static readonly Dictionary<string, string> Files = new(StringComparer.OrdinalIgnoreCase)
    {
        ["longbench-write"] = "longbench_write.jsonl",
        ["longbench-write:en"] = "longbench_write_en.jsonl",
        ["longwrite-ruler"] = "longwrite_ruler.jsonl",
    };

    public string Family => "LongBench-Write";

    public string NameSyntax => "longbench-write";

    public bool Matches(string name) => Files.ContainsKey(name);

    public IReadOnlyList<BenchmarkCase> Load(string name, DatasetContext context)
    {
        var file = Path.Combine(context.RequireFolder("longwriter", name), Files[name]);
        if (!File.Exists(file)) throw new InvalidOptionException("BenchmarkCase.Dataset", $"BenchmarkCase.Dataset {name}: {file} not found.");
        return LongBenchWriteLoader.Load(file, name);
    }

    public IEnumerable<DatasetInfo> List(DatasetContext context)
    {
        if (context.DataDir is null) yield break;
        foreach (var (name, file) in Files)
        {
            var path = Path.Combine(context.DataDir, "longwriter", file);
            if (File.Exists(path)) yield return new DatasetInfo(name, Family, JsonRecords.Read(path).Count(), path);
        }
    }

    public bool Recognizes(string path) => DatasetFormatDetector.TryDetect(path) == DatasetFormat.LongBenchWrite;

    public IReadOnlyList<BenchmarkCase> LoadPath(string path, string dataset, ITokenCounter? counter) => LongBenchWriteLoader.Load(path, dataset);
}

using AgentFramework.Errors;
using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>LongBench v1/v2 files, loaded by path (the data folder holds no named LongBench dataset).</summary>
public sealed class LongBenchDatasetProvider : IDatasetProvider
{
    public string Family => "LongBench";

    public string NameSyntax => "";

    public bool Matches(string name) => false;

    public IReadOnlyList<BenchmarkCase> Load(string name, DatasetContext context) =>
        throw new InvalidOptionException("BenchmarkCase.Dataset", $"BenchmarkCase.Dataset {name}: LongBench is loaded from a file path");

    public IEnumerable<DatasetInfo> List(DatasetContext context) => [];

    public bool Recognizes(string path) => DatasetFormatDetector.TryDetect(path) == DatasetFormat.LongBench;

    public IReadOnlyList<BenchmarkCase> LoadPath(string path, string dataset, ITokenCounter? counter) => LongBenchLoader.Load(path, dataset, counter);
}

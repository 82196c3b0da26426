using AgentFramework.Errors;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>LongBench v2 by name, <c>longbench-v2:PATH</c> (<see cref="LongBenchV2Loader"/>); a bare path to a v2 file loads through <see cref="LongBenchDatasetProvider"/>.</summary>
public sealed class LongBenchV2DatasetProvider : IDatasetProvider
{
    public string Family => "LongBench v2";

    public string NameSyntax => LongBenchV2Loader.Prefix + "PATH";

    public bool Matches(string name) => name.StartsWith(LongBenchV2Loader.Prefix, StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<BenchmarkCase> Load(string name, DatasetContext context) => LongBenchV2Loader.TryLoad(name)
        ?? throw new InvalidOptionException("BenchmarkCase.Dataset", $"BenchmarkCase.Dataset {name}: not a {LongBenchV2Loader.Prefix}PATH name");

    public IEnumerable<DatasetInfo> List(DatasetContext context) => []; // named by path, nothing under the data folder
}

using AgentFramework.Errors;
using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>L-Eval: <c>leval:&lt;task&gt;</c> is leval/*/&lt;task&gt;.jsonl under the data folder.</summary>
public sealed class LEvalDatasetProvider : IDatasetProvider
{
    private const string Prefix = "leval:";

    public string Family => "L-Eval";

    public string NameSyntax => "leval:<task>";

    public bool Matches(string name) => name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<BenchmarkCase> Load(string name, DatasetContext context)
    {
        var task = name[Prefix.Length..];
        var dir = context.RequireFolder("leval", name);
        var file = Directory.EnumerateFiles(dir, task + ".jsonl", SearchOption.AllDirectories).FirstOrDefault()
            ?? throw new InvalidOptionException("BenchmarkCase.Dataset", $"BenchmarkCase.Dataset {name}: no {task}.jsonl under {dir}; run 'agentfw bench list' to see the L-Eval tasks found.");
        return LEvalLoader.Load(file, name, context.Counter);
    }

    public IEnumerable<DatasetInfo> List(DatasetContext context) =>
        context.Folder("leval") is not { } dir ? []
            : Directory.EnumerateFiles(dir, "*.jsonl", SearchOption.AllDirectories)
                .OrderBy(LEvalLoader.TaskName, StringComparer.Ordinal)
                .Select(file => new DatasetInfo($"{Prefix}{LEvalLoader.TaskName(file)}", Family, LEvalLoader.Count(file), file));

    public bool Recognizes(string path) => DatasetFormatDetector.TryDetect(path) == DatasetFormat.LEval;

    public IReadOnlyList<BenchmarkCase> LoadPath(string path, string dataset, ITokenCounter? counter) => LEvalLoader.Load(path, dataset, counter);
}

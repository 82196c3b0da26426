using AgentFramework.Errors;
using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// Resolves dataset names against a data folder laid out like ../shared/data:
/// <c>leval:&lt;task&gt;</c> (leval/*/&lt;task&gt;.jsonl), <c>lara:32k</c> / <c>lara:128k</c> (lara/), <c>summhay</c>
/// (summhay/*.json), <c>longbench-write</c> (longwriter/longbench_write.jsonl; also <c>longbench-write:en</c> and
/// <c>longwrite-ruler</c>), or any file or folder path in one of the supported formats. Nothing is downloaded.
/// </summary>
public sealed class DatasetCatalog(string? dataDir)
{
    public string? DataDir { get; } = dataDir;

    private static readonly Dictionary<string, string> WritingFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["longbench-write"] = "longbench_write.jsonl",
        ["longbench-write:en"] = "longbench_write_en.jsonl",
        ["longwrite-ruler"] = "longwrite_ruler.jsonl",
    };

    /// <summary>AGENTFW_DATA_DIR, else ../shared/data or ./shared/data beside the working folder, else null.</summary>
    public static string? DefaultDataDir()
    {
        var env = Environment.GetEnvironmentVariable("AGENTFW_DATA_DIR");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return Path.GetFullPath(env);
        foreach (var candidate in new[] { Path.Combine("..", "shared", "data"), Path.Combine("shared", "data") })
            if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        return null;
    }

    /// <summary>Loads the cases of a named file dataset or a path. Synthetic names are handled by the synthetic generators.</summary>
    public IReadOnlyList<BenchmarkCase> Load(string nameOrPath, ITokenCounter? counter = null)
    {
        if (File.Exists(nameOrPath) || Directory.Exists(nameOrPath)) return LoadPath(nameOrPath, Path.GetFileNameWithoutExtension(nameOrPath.TrimEnd('/')), counter);
        var (format, path) = Resolve(nameOrPath);
        return format switch
        {
            DatasetFormat.LEval => LEvalLoader.Load(path, nameOrPath, counter),
            DatasetFormat.Lara => LaraLoader.Load(path, nameOrPath.Split(':')[1], nameOrPath),
            DatasetFormat.SummHay => SummHayLoader.Load(path, nameOrPath, counter),
            DatasetFormat.LongBenchWrite => LongBenchWriteLoader.Load(path, nameOrPath),
            _ => LongBenchLoader.Load(path, nameOrPath, counter),
        };
    }

    /// <summary>The format and file or folder a dataset name points at; throws a user error naming --dataset or --data-dir.</summary>
    public (DatasetFormat Format, string Path) Resolve(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower.StartsWith("leval:"))
        {
            var task = name["leval:".Length..];
            var dir = RequireDir("leval", name);
            var file = Directory.EnumerateFiles(dir, task + ".jsonl", SearchOption.AllDirectories).FirstOrDefault()
                ?? throw new InvalidOptionException("BenchmarkCase.Dataset", $"BenchmarkCase.Dataset {name}: no {task}.jsonl under {dir}; run 'agentfw bench list' to see the L-Eval tasks found.");
            return (DatasetFormat.LEval, file);
        }
        if (lower.StartsWith("lara:"))
        {
            var length = lower["lara:".Length..];
            if (!LaraLoader.Lengths.Contains(length))
                throw new InvalidOptionException("BenchmarkCase.Dataset", $"BenchmarkCase.Dataset {name}: LaRA comes in lara:32k and lara:128k.");
            return (DatasetFormat.Lara, RequireDir("lara", name));
        }
        if (lower == "summhay") return (DatasetFormat.SummHay, RequireDir("summhay", name));
        if (WritingFiles.TryGetValue(lower, out var writing))
        {
            var file = Path.Combine(RequireDir("longwriter", name), writing);
            if (!File.Exists(file)) throw new InvalidOptionException("BenchmarkCase.Dataset", $"BenchmarkCase.Dataset {name}: {file} not found.");
            return (DatasetFormat.LongBenchWrite, file);
        }
        throw new InvalidOptionException("BenchmarkCase.Dataset",
            $"BenchmarkCase.Dataset {name}: unknown dataset and no such file. Use leval:<task>, lara:32k, lara:128k, summhay, longbench-write, " +
            $"{string.Join(", ", Synthetic.SyntheticDatasets.Names)}, or a path to a JSON/JSONL file.");
    }

    /// <summary>Every file dataset under the data folder with its case count (cheap: contexts are not tokenised).</summary>
    public IReadOnlyList<DatasetInfo> List()
    {
        var found = new List<DatasetInfo>();
        if (DataDir is null || !Directory.Exists(DataDir)) return found;
        var leval = Path.Combine(DataDir, "leval");
        if (Directory.Exists(leval))
            foreach (var file in Directory.EnumerateFiles(leval, "*.jsonl", SearchOption.AllDirectories).OrderBy(f => LEvalLoader.TaskName(f), StringComparer.Ordinal))
                found.Add(new DatasetInfo($"leval:{LEvalLoader.TaskName(file)}", "L-Eval", LEvalLoader.Count(file), file));
        var lara = Path.Combine(DataDir, "lara");
        if (Directory.Exists(Path.Combine(lara, "query")))
            foreach (var length in LaraLoader.Lengths)
                found.Add(new DatasetInfo($"lara:{length}", "LaRA", LaraLoader.Count(lara, length), lara));
        var summhay = Path.Combine(DataDir, "summhay");
        if (Directory.Exists(summhay) && Directory.EnumerateFiles(summhay, "*.json").Any())
            found.Add(new DatasetInfo("summhay", "Summary of a Haystack", SummHayLoader.Count(summhay), summhay));
        var longwriter = Path.Combine(DataDir, "longwriter");
        foreach (var (name, file) in WritingFiles)
        {
            var path = Path.Combine(longwriter, file);
            if (File.Exists(path)) found.Add(new DatasetInfo(name, "LongBench-Write", JsonRecords.Read(path).Count(), path));
        }
        return found;
    }

    private IReadOnlyList<BenchmarkCase> LoadPath(string path, string dataset, ITokenCounter? counter) => DatasetFormatDetector.Detect(path) switch
    {
        DatasetFormat.LEval => LEvalLoader.Load(path, dataset, counter),
        DatasetFormat.SummHay => SummHayLoader.Load(path, dataset, counter),
        DatasetFormat.LongBenchWrite => LongBenchWriteLoader.Load(path, dataset),
        DatasetFormat.LongBench => LongBenchLoader.Load(path, dataset, counter),
        DatasetFormat.Lara when Directory.Exists(path) => LaraLoader.Load(path, "32k", dataset).Concat(LaraLoader.Load(path, "128k", dataset)).ToList(),
        // A single query file: contexts live in ../<length>/<category>/ relative to its query/ folder.
        DatasetFormat.Lara => LaraLoader.LoadQueryFile(path, Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(path)))!, dataset),
        _ => throw new InvalidOptionException("BenchmarkCase.Dataset", $"{path}: unsupported format."),
    };

    private string RequireDir(string folder, string name)
    {
        if (DataDir is null)
            throw new InvalidOptionException("DatasetCatalog.DataDir", $"BenchmarkCase.Dataset {name} needs the data folder: pass DatasetCatalog.DataDir (no ../shared/data was found).");
        var dir = Path.Combine(DataDir, folder);
        if (!Directory.Exists(dir))
            throw new InvalidOptionException("DatasetCatalog.DataDir", $"BenchmarkCase.Dataset {name}: {dir} not found; point DatasetCatalog.DataDir at a folder holding {folder}/.");
        return dir;
    }
}

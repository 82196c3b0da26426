using AgentFramework.Errors;
using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// Resolves dataset names against a data folder laid out like ../shared/data through the registered
/// <see cref="DatasetProviders"/> (built in: <c>leval:&lt;task&gt;</c>, <c>lara:32k</c> / <c>lara:128k</c>,
/// <c>summhay</c>, <c>longbench-write</c>, <c>longbench-write:en</c>, <c>longwrite-ruler</c>), or loads any file or folder
/// path in a format a provider recognises. Nothing is downloaded.
/// </summary>
public sealed class DatasetCatalog(string? dataDir, DatasetProviders? providers = null)
{
    private readonly DatasetProviders _providers = providers ?? DatasetProviders.Default;

    public string? DataDir { get; } = dataDir;

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
        if (File.Exists(nameOrPath) || Directory.Exists(nameOrPath))
            return LoadPath(nameOrPath, Path.GetFileNameWithoutExtension(nameOrPath.TrimEnd('/')), counter);
        var provider = _providers.ForName(nameOrPath) ?? throw new InvalidOptionException("BenchmarkCase.Dataset",
            $"BenchmarkCase.Dataset {nameOrPath}: unknown dataset and no such file. Use {string.Join(", ", _providers.NameSyntaxes)}, " +
            $"{string.Join(", ", Synthetic.SyntheticDatasets.Names)}, or a path to a JSON/JSONL file.");
        return provider.Load(nameOrPath, new DatasetContext(DataDir, counter));
    }

    /// <summary>Every named dataset under the data folder with its case count (cheap: contexts are not tokenised).</summary>
    public IReadOnlyList<DatasetInfo> List()
    {
        if (DataDir is null || !Directory.Exists(DataDir)) return [];
        var context = new DatasetContext(DataDir);
        return [.. _providers.Providers.SelectMany(p => p.List(context))];
    }

    private IReadOnlyList<BenchmarkCase> LoadPath(string path, string dataset, ITokenCounter? counter)
    {
        if (_providers.ForPath(path) is { } provider) return provider.LoadPath(path, dataset, counter);
        DatasetFormatDetector.Detect(path); // none recognises it: the detector throws the reason (folder shape, no records, fields)
        throw new InvalidOptionException("BenchmarkCase.Dataset", $"{path}: unsupported format.");
    }
}

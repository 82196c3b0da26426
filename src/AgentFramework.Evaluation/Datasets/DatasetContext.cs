using AgentFramework.Errors;
using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>Where named datasets live (a folder laid out like ../shared/data) and how contexts are counted.</summary>
public sealed record DatasetContext(string? DataDir, ITokenCounter? Counter = null)
{
    /// <summary>The data folder's <paramref name="folder"/>; a user error naming <paramref name="dataset"/> when it is missing.</summary>
    public string RequireFolder(string folder, string dataset)
    {
        if (DataDir is null)
            throw new InvalidOptionException("DatasetCatalog.DataDir", $"BenchmarkCase.Dataset {dataset} needs the data folder: pass DatasetCatalog.DataDir (no ../shared/data was found).");
        var dir = Path.Combine(DataDir, folder);
        if (!Directory.Exists(dir))
            throw new InvalidOptionException("DatasetCatalog.DataDir", $"BenchmarkCase.Dataset {dataset}: {dir} not found; point DatasetCatalog.DataDir at a folder holding {folder}/.");
        return dir;
    }

    /// <summary>The data folder's <paramref name="folder"/> when it exists, else null (for listings).</summary>
    public string? Folder(string folder) =>
        DataDir is not null && Directory.Exists(Path.Combine(DataDir, folder)) ? Path.Combine(DataDir, folder) : null;
}

namespace AgentFramework.Evaluation.Synthetic;

/// <summary>Names of the generated (RULER-style) datasets accepted by --dataset.</summary>
public static class SyntheticDatasets
{
    public const string Niah = "niah";
    public const string NiahMultiKey = "niah-multikey";
    public const string NiahMultiValue = "niah-multivalue";
    public const string NiahMultiQuery = "niah-multiquery";
    public const string VariableTracking = "variable-tracking";
    public const string CommonWords = "common-words";

    public static IReadOnlyList<string> Names { get; } = [Niah, NiahMultiKey, NiahMultiValue, NiahMultiQuery, VariableTracking, CommonWords];

    public static bool IsSynthetic(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);
}

/// <summary>Picks the filler for synthetic sets: the Paul Graham essays under the data folder when present, else generated text.</summary>
public static class FillerSources
{
    public static IFillerSource For(string? dataDir) => (IFillerSource?)PaulGrahamFiller.TryLoad(dataDir) ?? new GeneratedFiller();
}

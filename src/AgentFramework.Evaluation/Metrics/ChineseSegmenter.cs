using JiebaNet.Segmenter;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// jieba word segmentation as LongBench calls it (<c>jieba.cut(text, cut_all=False)</c>, HMM on), through jieba.NET,
/// whose dictionaries the Evaluation project copies to Resources/ next to the app. The first call loads the
/// dictionaries under a lock (jieba.NET's lazy loading is not thread-safe); afterwards each thread cuts with its own
/// segmenter over the shared, read-only dictionaries.
/// </summary>
internal static class ChineseSegmenter
{
    private static readonly Lazy<bool> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ThreadLocal<JiebaSegmenter> Segmenter = new(() => new JiebaSegmenter());

    public static IReadOnlyList<string> Cut(string text)
    {
        _ = Loaded.Value;
        return [.. Segmenter.Value!.Cut(text, cutAll: false, hmm: true)];
    }

    private static bool Load()
    {
        var resources = Path.Combine(AppContext.BaseDirectory, "Resources");
        if (!File.Exists(Path.Combine(resources, "dict.txt")))
            throw new FileNotFoundException(
                $"jieba's dictionary is missing at {resources}/dict.txt; it ships with the app (copied from the jieba.NET package at build time).");
        ConfigManager.ConfigFileBaseDir = resources;
        // Cutting once loads the word dictionary and the HMM tables.
        _ = new JiebaSegmenter().Cut("预热", cutAll: false, hmm: true).ToList();
        return true;
    }
}

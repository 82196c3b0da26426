using JiebaNet.Segmenter;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// jieba word segmentation as LongBench calls it (<c>jieba.cut(text, cut_all=False)</c>, HMM on), through jieba.NET,
/// whose dictionaries the Evaluation project copies to Resources/ next to the app. One segmenter serves the process;
/// calls are serialised because jieba.NET's lazy dictionary loading is not thread-safe.
/// </summary>
public static class ChineseSegmenter
{
    private static readonly Lock Gate = new();
    private static JiebaSegmenter? _segmenter;

    public static IReadOnlyList<string> Cut(string text)
    {
        lock (Gate)
        {
            _segmenter ??= Create();
            return [.. _segmenter.Cut(text, cutAll: false, hmm: true)];
        }
    }

    private static JiebaSegmenter Create()
    {
        var resources = Path.Combine(AppContext.BaseDirectory, "Resources");
        if (!File.Exists(Path.Combine(resources, "dict.txt")))
            throw new FileNotFoundException(
                $"jieba's dictionary is missing at {resources}/dict.txt; it ships with the app (copied from the jieba.NET package at build time).");
        ConfigManager.ConfigFileBaseDir = resources;
        return new JiebaSegmenter();
    }
}

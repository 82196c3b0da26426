using System.Globalization;
using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// Orders length buckets by size whatever their unit: token buckets ("4k" before "16k"), LongBench-Write's word
/// buckets ("&lt;500w", "500-2kw", "2k-4kw", "&gt;=4kw") by their lower bound, LongBench-E's ranges ("0-4k", "4-8k",
/// "8k+") and LongBench v2's short / medium / long; and names the axis unit.
/// </summary>
internal static class BucketOrder
{
    private static readonly string[] Named = ["easy", "hard", "short", "medium", "long"];

    public static IReadOnlyList<string> Sort(IEnumerable<string> buckets) =>
        buckets.Distinct().OrderBy(SortKey).ThenBy(b => b, StringComparer.Ordinal).ToList();

    public static double SortKey(string bucket)
    {
        int named = Array.IndexOf(Named, bucket.ToLowerInvariant());
        if (named >= 0) return named;
        var tokens = LengthBuckets.SortKey(bucket);
        if (tokens != double.MaxValue) return tokens;
        var text = bucket.Trim().ToLowerInvariant();
        bool below = text.StartsWith('<');
        text = text.TrimStart('<', '>', '=').TrimEnd('w', '+');
        var first = text.Split('-')[0];
        double multiplier = first.EndsWith('k') ? 1000 : 1;
        return double.TryParse(first.TrimEnd('k'), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? n * multiplier - (below ? 0.5 : 0)
            : double.MaxValue;
    }

    /// <summary>"required length (words)", "context length (tokens)" or "length", from the labels present.</summary>
    public static string AxisLabel(IReadOnlyList<string> buckets)
    {
        if (buckets.Count > 0 && buckets.All(b => b.EndsWith('w'))) return "required output length (words, bucket)";
        if (buckets.Count > 0 && buckets.All(b => LengthBuckets.SortKey(b) != double.MaxValue || b.StartsWith('>'))) return "context length (tokens, bucket)";
        return "length (bucket)";
    }
}

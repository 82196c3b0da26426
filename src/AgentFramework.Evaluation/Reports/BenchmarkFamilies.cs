using System.Globalization;
using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// Which benchmark a case belongs to, its task and its splits, as the benchmark's own report groups them. Derived from
/// what the loaders record, so result rows carry them and reports can be rebuilt from results.jsonl alone.
/// </summary>
public static class BenchmarkFamilies
{
    public const string LongBench = "longbench";
    public const string LongBenchE = "longbench-e";
    public const string LongBenchV2 = "longbench-v2";
    public const string LEval = "leval";
    public const string Lara = "lara";
    public const string SummHay = "summhay";
    public const string LongBenchWrite = "longbench-write";
    public const string Ruler = "ruler";
    public const string Other = "other";

    public const string LengthRangeSplit = "length range";
    public const string DifficultySplit = "difficulty";
    public const string LengthSplit = "length";

    /// <summary>The row with the case's benchmark, task, splits, needle depth and length definition filled in.</summary>
    public static CaseResult Describe(CaseResult row, BenchmarkCase benchmarkCase)
    {
        var m = benchmarkCase.Metadata;
        var benchmark = Family(benchmarkCase);
        double? depth = m.TryGetValue("depth", out var d) && double.TryParse(d, NumberStyles.Float, CultureInfo.InvariantCulture, out var depthValue) ? depthValue : null;
        int? length = m.TryGetValue("length_tokens", out var l) && int.TryParse(l, CultureInfo.InvariantCulture, out var lengthValue) ? lengthValue : null;
        return row with
        {
            Benchmark = benchmark,
            Task = TaskOf(benchmarkCase, benchmark),
            Splits = SplitsOf(benchmarkCase, benchmark),
            Depth = depth,
            LengthTokens = length,
            LengthDefinition = m.GetValueOrDefault("length_definition"),
        };
    }

    public static string Family(BenchmarkCase c)
    {
        var m = c.Metadata;
        if (m.ContainsKey("length_definition") || Synthetic.SyntheticDatasets.IsSynthetic(c.Dataset)) return Ruler;
        if (c.Kind == TaskKind.Writing) return LongBenchWrite;
        if (c.Insights.Count > 0 || m.ContainsKey("subtopic")) return SummHay;
        if (m.ContainsKey("leval_evaluation")) return LEval;
        if (m.ContainsKey("difficulty")) return LongBenchV2;
        if (m.ContainsKey("category") && m.ContainsKey("file")) return Lara;
        if (m.ContainsKey("language") && m.ContainsKey("task"))
            return m.GetValueOrDefault("variant") == LongBenchE ? LongBenchE : LongBench;
        return Other;
    }

    private static string TaskOf(BenchmarkCase c, string benchmark)
    {
        var m = c.Metadata;
        return benchmark switch
        {
            Ruler => c.Dataset,
            LongBenchV2 => LongBenchV2,
            SummHay => SummHay,
            LongBenchWrite => c.Dataset,
            LEval => m.GetValueOrDefault("task") ?? (c.Dataset.StartsWith("leval:", StringComparison.OrdinalIgnoreCase) ? c.Dataset[6..] : c.Dataset),
            _ => m.GetValueOrDefault("task") is { Length: > 0 } task ? task : c.Dataset,
        };
    }

    private static IReadOnlyDictionary<string, string>? SplitsOf(BenchmarkCase c, string benchmark)
    {
        var m = c.Metadata;
        switch (benchmark)
        {
            case LongBenchE when m.TryGetValue("length", out var words) && int.TryParse(words, CultureInfo.InvariantCulture, out var n):
                // LongBench eval.py scorer_e: length < 4000 → "0-4k", < 8000 → "4-8k", else "8k+" (THUDM/LongBench).
                return new Dictionary<string, string> { [LengthRangeSplit] = n < 4000 ? "0-4k" : n < 8000 ? "4-8k" : "8k+" };
            case LongBenchV2:
                var splits = new Dictionary<string, string>();
                if (m.GetValueOrDefault("difficulty") is { Length: > 0 } difficulty) splits[DifficultySplit] = difficulty;
                splits[LengthSplit] = c.LengthBucket;
                return splits;
            case LEval when m.GetValueOrDefault("leval_group") is { Length: > 0 } group:
                return new Dictionary<string, string> { ["group"] = group };
            default:
                return null;
        }
    }
}

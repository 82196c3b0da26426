using System.Text.Json;
using AgentFramework.Documents;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// LongBench releases. v1 (THUDM/LongBench, JSON Lines: input, context, answers, dataset, all_classes, _id) uses the
/// metric LongBench's eval.py assigns to its sub-dataset (<see cref="LongBenchTasks"/>: QA → token F1, summaries →
/// ROUGE-L, trec/lsht → classification score over all_classes, passage_count → count score, passage_retrieval →
/// retrieval score, lcc/repobench-p → code similarity) and its first-line cut for trec/triviaqa/samsum/lsht. v2 (THUDM/LongBench v2, a JSON
/// array or JSON Lines with question, choice_A..choice_D, answer, context, length) is four-way multiple choice with
/// its own short/medium/long buckets (<see cref="LongBenchV2Loader"/>).
/// </summary>
public static class LongBenchLoader
{
    public static IReadOnlyList<BenchmarkCase> Load(string path, string dataset, ITokenCounter? counter = null)
    {
        var cases = new List<BenchmarkCase>();
        foreach (var (line, record) in JsonRecords.Read(path))
            cases.Add(record.TryGetProperty("choice_A", out _) ? V2Case(record, path, line, dataset) : V1Case(record, path, line, dataset, counter));
        return cases;
    }

    private static BenchmarkCase V1Case(JsonElement record, string path, int line, string dataset, ITokenCounter? counter)
    {
        var context = record.RequiredString("context", path, line);
        var task = record.OptionalString("dataset") ?? TaskFromFileName(path);
        var id = record.OptionalString("_id") ?? $"{task}-{line}";
        var bucket = LengthBuckets.ForTokens(counter is null ? context.Length / 4 : counter.CountTokens(context));
        return new BenchmarkCase(id, dataset, LongBenchTasks.KindFor(task), [Document.FromText(context, id)],
            record.OptionalString("input") ?? "", record.StringList("answers", path, line), [LongBenchTasks.MetricFor(task)], bucket)
        {
            Classes = record.OptionalStringList("all_classes"),
            ScoringTrim = LongBenchTasks.TrimFor(task),
            Metadata = new Dictionary<string, string>
            {
                ["task"] = task, ["language"] = record.OptionalString("language") ?? "",
                // LongBench-E files (<task>_e.jsonl) are reported by the record's "length" (words) in 0-4k / 4-8k / 8k+.
                ["variant"] = Path.GetFileNameWithoutExtension(path).EndsWith("_e", StringComparison.Ordinal) ? "longbench-e" : "longbench",
                ["length"] = record.FlexibleInt("length")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            },
        };
    }

    /// <summary>"hotpotqa_e.jsonl" (LongBench-E) → "hotpotqa"; only a trailing "_e" goes ("multifieldqa_en" stays).</summary>
    public static string TaskFromFileName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return name.EndsWith("_e", StringComparison.Ordinal) ? name[..^2] : name;
    }

    // LongBench v2 items get the official prompt and scorer wherever they are loaded from.
    private static BenchmarkCase V2Case(JsonElement record, string path, int line, string dataset) => LongBenchV2Loader.Case(record, path, line, dataset);
}

using System.Text.Json;
using AgentFramework.Documents;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// LongBench releases. v1 (THUDM/LongBench, JSON Lines: input, context, answers, dataset, all_classes, _id) uses the
/// metric LongBench assigns to its sub-dataset (QA → token F1, Chinese QA → character F1, summaries → ROUGE-L;
/// classification, counting, retrieval and code tasks are approximated by string match). v2 (THUDM/LongBench v2, a JSON
/// array or JSON Lines with question, choice_A..choice_D, answer, context, length) is four-way multiple choice with
/// its own short/medium/long buckets.
/// </summary>
public static class LongBenchLoader
{
    private static readonly HashSet<string> F1Tasks = ["narrativeqa", "qasper", "multifieldqa_en", "hotpotqa", "2wikimqa", "musique", "triviaqa"];
    private static readonly HashSet<string> ChineseF1Tasks = ["multifieldqa_zh"];
    private static readonly HashSet<string> RougeTasks = ["gov_report", "qmsum", "multi_news", "vcsum", "samsum", "dureader"];
    private static readonly HashSet<string> SummaryTasks = ["gov_report", "qmsum", "multi_news", "vcsum", "samsum"];

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
        var task = record.OptionalString("dataset") ?? Path.GetFileNameWithoutExtension(path).Replace("_e", "");
        var id = record.OptionalString("_id") ?? $"{task}-{line}";
        string metric = F1Tasks.Contains(task) ? TokenF1.MetricName
            : ChineseF1Tasks.Contains(task) ? TokenF1.ChineseMetricName
            : RougeTasks.Contains(task) ? RougeL.MetricName
            : StringMatchPart.MetricName;
        var bucket = LengthBuckets.ForTokens(counter is null ? context.Length / 4 : counter.CountTokens(context));
        return new BenchmarkCase(id, dataset, SummaryTasks.Contains(task) ? TaskKind.Summary : TaskKind.QuestionAnswering,
            [Document.FromText(context, id)], record.OptionalString("input") ?? "", record.StringList("answers", path, line), [metric], bucket)
        {
            Metadata = new Dictionary<string, string> { ["task"] = task, ["language"] = record.OptionalString("language") ?? "" },
        };
    }

    private static BenchmarkCase V2Case(JsonElement record, string path, int line, string dataset)
    {
        var id = record.OptionalString("_id") ?? $"v2-{line}";
        var options = new[] { "choice_A", "choice_B", "choice_C", "choice_D" }.Select(f => record.RequiredString(f, path, line)).ToList();
        return new BenchmarkCase(id, dataset, TaskKind.MultipleChoice, [Document.FromText(record.RequiredString("context", path, line), id)],
            record.RequiredString("question", path, line), [record.RequiredString("answer", path, line)], [MultipleChoiceAccuracy.MetricName],
            record.OptionalString("length") ?? "unknown")
        {
            Options = options,
            Metadata = new Dictionary<string, string>
            {
                ["domain"] = record.OptionalString("domain") ?? "", ["difficulty"] = record.OptionalString("difficulty") ?? "",
            },
        };
    }
}

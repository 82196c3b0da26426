using AgentFramework.Documents;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// L-Eval (OpenLMLab/LEval) JSON Lines: one document per line with parallel "instructions" and "outputs" lists; each
/// instruction becomes a case. Closed-ended tasks are scored as L-Eval's auto_eval.py scores them
/// (<see cref="LEvalExamScore"/>: quality/tpo/coursera options, sci_fi loyalty + fact, topic retrieval), gsm100 by its
/// final number (<see cref="MathExactMatch"/>). Open-ended tasks use the file's "evaluation" field: "f1" → token F1,
/// "rouge" (and LLM/human rows of a rouge task) → L-Eval's rouge_score ROUGE (<see cref="LEvalRouge"/>); *_summ tasks
/// are summaries.
/// </summary>
public static class LEvalLoader
{
    private static readonly HashSet<string> MultipleChoiceTasks = ["quality", "tpo", "coursera"];
    private static readonly HashSet<string> SubstringTasks = ["topic_retrieval_longchat"];
    private static readonly HashSet<string> MathTasks = ["gsm100"];

    public static string TaskName(string path) => Path.GetFileNameWithoutExtension(path);

    public static IReadOnlyList<BenchmarkCase> Load(string path, string dataset, ITokenCounter? counter = null)
    {
        var task = TaskName(path);
        var cases = new List<BenchmarkCase>();
        var records = JsonRecords.Read(path).ToList();
        // The task's automatic metric: rows marked "LLM"/"human" (L-Eval's judge subsets) are scored like the rest.
        string? taskMetric = records.Select(r => r.Record.OptionalString("evaluation")).FirstOrDefault(e => e is "f1" or "rouge");
        int docIndex = 0;
        foreach (var (line, record) in records)
        {
            var input = record.RequiredString("input", path, line);
            var instructions = record.StringList("instructions", path, line);
            var outputs = record.StringList("outputs", path, line);
            var evaluation = record.OptionalString("evaluation") ?? "";
            var document = Document.FromText(input, $"{task}-{docIndex}");
            string bucket = counter is null ? LengthBuckets.ForTokens(input.Length / 4) : LengthBuckets.ForTokens(counter.CountTokens(input));
            for (int i = 0; i < instructions.Count; i++)
            {
                var gold = i < outputs.Count ? outputs[i] : "";
                var (kind, metrics, golds) = Classify(task, evaluation, taskMetric, gold, instructions[i]);
                cases.Add(new BenchmarkCase($"{task}-{docIndex}-{i}", dataset, kind, [document], instructions[i], golds, metrics, bucket)
                {
                    Metadata = new Dictionary<string, string>
                    {
                        ["source"] = record.OptionalString("source") ?? "",
                        ["leval_evaluation"] = evaluation,
                        ["bucket_measured_by"] = counter?.Name ?? "characters/4",
                        ["task"] = task,
                        // L-Eval reports closed-ended (exam) and open-ended tasks apart; the data folders say which is which.
                        ["leval_group"] = path.Replace('\\', '/').Contains("/Closed-ended-tasks/", StringComparison.OrdinalIgnoreCase) ? "closed-ended"
                            : path.Replace('\\', '/').Contains("/Open-ended-tasks/", StringComparison.OrdinalIgnoreCase) ? "open-ended" : "",
                    },
                });
            }
            docIndex++;
        }
        return cases;
    }

    /// <summary>Number of cases (instructions) without building documents.</summary>
    public static int Count(string path) =>
        JsonRecords.Read(path).Sum(r => r.Record.StringList("instructions", path, r.Line).Count);

    private static (TaskKind, IReadOnlyList<string>, IReadOnlyList<string>) Classify(
        string task, string evaluation, string? taskMetric, string gold, string instruction)
    {
        if (MathTasks.Contains(task))
            return (TaskKind.QuestionAnswering, [MathExactMatch.MetricName], [gold]);
        // L-Eval's own exam scoring (auto_eval.py): option tasks, sci_fi (loyalty + fact, so the gold keeps its
        // "[fact: ...]" half) and topic retrieval / other exam rows by em.py exact match.
        if (MultipleChoiceTasks.Contains(task))
            return (TaskKind.MultipleChoice, [LEvalExamScore.MetricName], [gold]);
        if (task == "sci_fi" || SubstringTasks.Contains(task) || evaluation == "exam")
            return (TaskKind.QuestionAnswering, [LEvalExamScore.MetricName], [gold]);
        var kind = task.EndsWith("_summ", StringComparison.Ordinal) ? TaskKind.Summary : TaskKind.QuestionAnswering;
        // f1.py is LongBench's qa_f1; "rouge" tasks use rouge_score (L-Eval's ROUGE, not LongBench's).
        var metric = (taskMetric ?? evaluation) == "f1" ? TokenF1.MetricName : LEvalRouge.MetricName;
        return (kind, [metric], [gold]);
    }
}

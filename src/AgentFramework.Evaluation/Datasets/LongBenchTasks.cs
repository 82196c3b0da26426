using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// LongBench v1's per-task scoring, as its eval.py assigns it (dataset2metric) — every v1 and LongBench-E task gets its
/// official metric — plus the tasks whose prediction LongBench cuts at the first line before scoring and the tasks that
/// are summaries. An unknown task (not a LongBench v1 task) falls back to string match.
/// </summary>
public static class LongBenchTasks
{
    private static readonly IReadOnlyDictionary<string, string> MetricByTask = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["narrativeqa"] = TokenF1.MetricName,
        ["qasper"] = TokenF1.MetricName,
        ["multifieldqa_en"] = TokenF1.MetricName,
        ["multifieldqa_zh"] = TokenF1.ChineseMetricName,
        ["hotpotqa"] = TokenF1.MetricName,
        ["2wikimqa"] = TokenF1.MetricName,
        ["musique"] = TokenF1.MetricName,
        ["dureader"] = RougeLChinese.MetricName,
        ["gov_report"] = RougeL.MetricName,
        ["qmsum"] = RougeL.MetricName,
        ["multi_news"] = RougeL.MetricName,
        ["vcsum"] = RougeLChinese.MetricName,
        ["trec"] = ClassificationScore.MetricName,
        ["triviaqa"] = TokenF1.MetricName,
        ["samsum"] = RougeL.MetricName,
        ["lsht"] = ClassificationScore.MetricName,
        ["passage_retrieval_en"] = RetrievalScore.MetricName,
        ["passage_count"] = CountScore.MetricName,
        ["passage_retrieval_zh"] = RetrievalScore.ChineseMetricName,
        ["lcc"] = CodeSimScore.MetricName,
        ["repobench-p"] = CodeSimScore.MetricName,
    };

    // Few-shot tasks where models go on writing further examples after the answer.
    private static readonly HashSet<string> FirstLineTasks = ["trec", "triviaqa", "samsum", "lsht"];

    private static readonly HashSet<string> SummaryTasks = ["gov_report", "qmsum", "multi_news", "vcsum", "samsum"];

    public static IReadOnlyCollection<string> All => (IReadOnlyCollection<string>)MetricByTask.Keys;

    public static string MetricFor(string task) => MetricByTask.GetValueOrDefault(task, StringMatchPart.MetricName);

    public static PredictionTrim TrimFor(string task) => FirstLineTasks.Contains(task) ? PredictionTrim.FirstLine : PredictionTrim.None;

    public static TaskKind KindFor(string task) => SummaryTasks.Contains(task) ? TaskKind.Summary : TaskKind.QuestionAnswering;
}

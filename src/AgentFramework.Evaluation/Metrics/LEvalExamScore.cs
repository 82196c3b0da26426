using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// L-Eval's closed-ended "exam" score per case, as auto_eval.py computes it for the case's task
/// (<see cref="LEvalScoring"/>): quality / tpo / coursera by process_output_mc + process_gt_mc + em.py exact match
/// (coursera: several letters, 0.25 partial credit); sci_fi by loyalty and fact each matched, averaged;
/// topic_retrieval_longchat and other exam tasks by em.py exact match of the raw answer. The task is the part of the
/// case's dataset after "leval:". A response L-Eval's code cannot parse (sci_fi without "[fact:") scores 0 with a note.
/// </summary>
public sealed class LEvalExamScore : IMetric
{
    public const string MetricName = "leval-exam";
    public string Name => MetricName;
    public bool JudgeScored => false;

    private static readonly HashSet<string> OptionTasks = ["coursera", "quality", "tpo"];

    public static string TaskOf(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Dataset.StartsWith("leval:", StringComparison.Ordinal) ? benchmarkCase.Dataset["leval:".Length..] : benchmarkCase.Dataset;

    public ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default)
    {
        var task = TaskOf(benchmarkCase);
        var text = prediction.Text;
        MetricResult result;
        if (OptionTasks.Contains(task))
        {
            var chosen = LEvalScoring.ProcessOutputMultipleChoice(text, coursera: task == "coursera");
            double best = benchmarkCase.GoldAnswers.Select(LEvalScoring.ProcessGoldMultipleChoice)
                .Select(gold => gold is null ? 0 : LEvalScoring.ExactMatch(chosen, gold)).DefaultIfEmpty(0).Max();
            result = new MetricResult(Name, best, Note: $"chose {chosen}");
        }
        else if (task == "sci_fi")
        {
            var scored = benchmarkCase.GoldAnswers.Select(gold => LEvalScoring.SciFi(text, gold)).FirstOrDefault(s => s is not null);
            result = scored is var (score, loyalty, fact)
                ? new MetricResult(Name, score, Components: new Dictionary<string, double> { ["loyalty"] = loyalty, ["fact"] = fact })
                : new MetricResult(Name, 0, Note: "no \"[fact: ...]\" part in the answer (L-Eval's process_output_judge cannot read it)");
        }
        else
        {
            result = new MetricResult(Name, benchmarkCase.GoldAnswers.Select(gold => LEvalScoring.ExactMatch(text, gold)).DefaultIfEmpty(0).Max());
        }
        return ValueTask.FromResult(result);
    }
}

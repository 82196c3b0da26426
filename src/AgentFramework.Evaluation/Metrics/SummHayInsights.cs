using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Judging;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// Summary of a Haystack's coverage, citation and joint scores for one summary, as salesforce/summary-of-a-haystack
/// @ 3e2007f computes them (populate_eval.py asks the judge per insight which bullet covers it; utils_eval.py
/// compute_single_sample_scores scores it): coverage 1 (FULL) / 0.5 (PARTIAL) / 0; for a covered insight, the F1 of
/// the documents its matched bullet cites against the documents holding the insight; joint = coverage × citation
/// (0 when not covered). The value is the summary's mean joint; the components carry the sums the report pools over
/// insights as compute_full_results does (citation over covered insights only). A matched bullet_id outside the
/// bullets (where the official code raises IndexError) scores citation 0 and is counted.
/// </summary>
public sealed class SummHayInsights(SummHayInsightJudge judge) : IMetric
{
    public const string MetricName = "summhay-insights";
    public const double PartialScore = 0.5;
    public string Name => MetricName;
    public bool JudgeScored => true;

    public async ValueTask<MetricResult> ScoreAsync(BenchmarkCase benchmarkCase, Prediction prediction, CancellationToken cancellationToken = default)
    {
        if (benchmarkCase.Insights.Count == 0) return new MetricResult(Name, 0, JudgeScored: true, Note: "case has no insights");
        var bullets = SummHayBullets.Split(prediction.Text);
        var (cited, attributed) = SummHayBullets.Citations(bullets, prediction.Citations, benchmarkCase.Documents);
        double coverageSum = 0, citationSum = 0, jointSum = 0, precisionSum = 0, recallSum = 0;
        int covered = 0, unparsed = 0, outOfRange = 0;
        foreach (var insight in benchmarkCase.Insights)
        {
            var verdict = await judge.JudgeAsync(insight.Text, bullets, cancellationToken).ConfigureAwait(false);
            if (!verdict.Parsed) unparsed++;
            if (verdict.Coverage is not ("FULL_COVERAGE" or "PARTIAL_COVERAGE")) continue;
            double coverage = verdict.Coverage == "FULL_COVERAGE" ? 1.0 : PartialScore;
            double precision = 0, recall = 0, f1 = 0;
            if (SummHayBullets.BulletIndex(SummHayBullets.BulletNumber(verdict.BulletId), bullets.Count) is int index)
            {
                var gold = insight.DocumentIds.Select(id => IndexOf(benchmarkCase, id)).Where(n => n > 0).ToHashSet();
                int both = cited[index].Count(gold.Contains);
                precision = cited[index].Count == 0 ? 0 : (double)both / cited[index].Count;
                recall = gold.Count == 0 ? 0 : (double)both / gold.Count;
                f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            }
            else outOfRange++;
            covered++;
            coverageSum += coverage; citationSum += f1; jointSum += coverage * f1; precisionSum += precision; recallSum += recall;
        }
        int n = benchmarkCase.Insights.Count;
        var components = new Dictionary<string, double>
        {
            ["coverage"] = coverageSum / n, ["joint"] = jointSum / n,
            ["insights"] = n, ["covered"] = covered, ["coverage_sum"] = coverageSum, ["citation_sum"] = citationSum, ["joint_sum"] = jointSum,
            ["citation_precision_sum"] = precisionSum, ["citation_recall_sum"] = recallSum,
            ["bullets"] = bullets.Count, ["citations_attributed"] = attributed, ["unparsed_verdicts"] = unparsed, ["bullet_out_of_range"] = outOfRange,
        };
        if (covered > 0) components["citation"] = citationSum / covered;
        var notes = new List<string> { $"{MetricResult.JudgeScoredLabel} by {judge.ModelName}" };
        if (unparsed > 0) notes.Add($"{unparsed} unreadable judge verdicts counted as not covered");
        if (outOfRange > 0) notes.Add($"{outOfRange} matched bullet ids outside the summary scored citation 0");
        return new MetricResult(Name, jointSum / n, JudgeScored: true, Components: components, Note: string.Join("; ", notes));
    }

    // utils_eval.py build_ref_insight2docids: documents are numbered i + 1 in haystack order.
    private static int IndexOf(BenchmarkCase benchmarkCase, string documentName)
    {
        for (int i = 0; i < benchmarkCase.Documents.Count; i++)
            if (benchmarkCase.Documents[i].Name == documentName) return i + 1;
        return 0;
    }
}

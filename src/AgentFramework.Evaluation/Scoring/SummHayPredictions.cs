using System.Text.Json;
using System.Text.RegularExpressions;
using AgentFramework.Errors;

namespace AgentFramework.Evaluation.Scoring;

/// <summary>
/// SummHay topic files as salesforce/summary-of-a-haystack @ 4353172 keeps them: documents with "insights_included",
/// subtopics with "insights", "summaries" (bullets per summary key) and "eval_summaries" (the judge's per-insight
/// "coverage" and matched "bullet_id", written by populate_eval.py). Scored as utils_eval.py
/// <c>compute_full_results</c>: coverage 1 / 0.5 / 0 per insight; for covered insights, the citation score is the F1 of
/// the doc ids cited in the matched bullet (<c>[1, 2]</c> style) against the documents holding the insight; joint =
/// coverage × citation per insight (0 when not covered); means over insights (citation: over covered ones only).
/// </summary>
public static partial class SummHayPredictions
{
    [GeneratedRegex(@"\[([\d, ]+)\]")]
    private static partial Regex CitationGroup();

    public sealed record SummaryScores(List<double> Coverage, List<double> Citation, List<double> Joint, List<double> Precision, List<double> Recall);

    public static ScoreSheet Score(string path, double partialScore = 0.5)
    {
        var files = File.Exists(path) ? [path] : Directory.Exists(path)
            ? Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList()
            : throw new UserInputException(path, $"{path}: no such file or folder");
        if (files.Count == 0) throw new UserInputException(path, $"{path}: no SummHay topic *.json files in this folder");
        var byModel = new SortedDictionary<string, SummaryScores>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var topic = PredictionFile.ReadJson(file);
            foreach (var (model, scores) in ScoreTopic(topic, file, partialScore))
            {
                if (!byModel.TryGetValue(model, out var all)) byModel[model] = all = new([], [], [], [], []);
                all.Coverage.AddRange(scores.Coverage); all.Citation.AddRange(scores.Citation); all.Joint.AddRange(scores.Joint);
                all.Precision.AddRange(scores.Precision); all.Recall.AddRange(scores.Recall);
            }
        }
        var results = byModel.Select(kv => (Model: kv.Key, Values: new Dictionary<string, double>
        {
            ["coverage_score"] = Mean(kv.Value.Coverage), ["citation_score"] = Mean(kv.Value.Citation), ["joint_score"] = Mean(kv.Value.Joint),
            ["citation_precision"] = Mean(kv.Value.Precision), ["citation_recall"] = Mean(kv.Value.Recall),
        }, Count: kv.Value.Coverage.Count)).OrderBy(r => r.Values["joint_score"]).ToList();
        var rows = results.Select(r => new ScoreRow(r.Model, r.Count, new Dictionary<string, double>
        {
            ["coverage"] = 100 * r.Values["coverage_score"], ["citation"] = 100 * r.Values["citation_score"], ["joint"] = 100 * r.Values["joint_score"],
        })).ToList();
        var json = "[\n" + string.Join(",\n", results.Select(r => "    " + PythonJson.Object(
            new[] { new KeyValuePair<string, string>("model", PythonJson.String(r.Model)) }
                .Concat(r.Values.Select(kv => new KeyValuePair<string, string>(kv.Key, PythonJson.Float(kv.Value)))), 1))) + "\n]";
        return new ScoreSheet("SummHay", "SummHay utils_eval.py coverage / citation / joint (rows 0-100; JSON as compute_full_results, 0-1)", rows, json,
            ["rows: insights scored per model; the judge verdicts come from the file's eval_summaries"]);
    }

    /// <summary>compute_single_sample_scores for every summary key of every subtopic of one topic.</summary>
    public static IEnumerable<(string Model, SummaryScores Scores)> ScoreTopic(JsonElement topic, string file, double partialScore)
    {
        var insightDocuments = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        int docId = 0;
        foreach (var document in Array(topic, "documents", file))
        {
            docId++;
            foreach (var insight in Array(document, "insights_included", file))
            {
                var id = insight.ToString();
                if (!insightDocuments.TryGetValue(id, out var set)) insightDocuments[id] = set = [];
                set.Add(docId);
            }
        }
        foreach (var subtopic in Array(topic, "subtopics", file))
        {
            if (!subtopic.TryGetProperty("summaries", out var summaries) || !subtopic.TryGetProperty("eval_summaries", out var evaluations)) continue;
            foreach (var summary in summaries.EnumerateObject())
            {
                if (!evaluations.TryGetProperty(summary.Name, out var evals)) continue;
                var bullets = summary.Value.EnumerateArray().Select(b => b.GetString() ?? "").ToList();
                var scores = new SummaryScores([], [], [], [], []);
                foreach (var e in evals.EnumerateArray())
                {
                    double coverage = 0, citation = 0;
                    var verdict = e.TryGetProperty("coverage", out var c) ? c.GetString() : null;
                    if (verdict is "PARTIAL_COVERAGE" or "FULL_COVERAGE")
                    {
                        coverage = verdict == "FULL_COVERAGE" ? 1.0 : partialScore;
                        var insightId = e.GetProperty("insight_id").ToString();
                        // int(e["bullet_id"]) or -1; bullets[idx - 1] (Python's negative index reads from the end).
                        int bullet = e.TryGetProperty("bullet_id", out var b) && int.TryParse(b.ToString(), out var parsed) ? parsed : -1;
                        int index = bullet - 1;
                        if (index < 0) index += bullets.Count;
                        if (index < 0 || index >= bullets.Count)
                            throw new UserInputException(file, $"{file}: summary '{summary.Name}': bullet_id {bullet} is out of range (SummHay's scorer raises IndexError)");
                        var cited = Citations(bullets[index]);
                        var gold = insightDocuments.TryGetValue(insightId, out var g) ? g
                            : throw new UserInputException(file, $"{file}: insight '{insightId}' is in no document's insights_included (SummHay's scorer raises KeyError)");
                        int both = cited.Count(gold.Contains);
                        double precision = cited.Count == 0 ? 0 : (double)both / cited.Count;
                        double recall = gold.Count == 0 ? 0 : (double)both / gold.Count;
                        citation = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
                        scores.Citation.Add(citation); scores.Precision.Add(precision); scores.Recall.Add(recall);
                    }
                    scores.Coverage.Add(coverage);
                    scores.Joint.Add(coverage * citation);
                }
                yield return (summary.Name.Replace("summary_subtopic_", "", StringComparison.Ordinal), scores);
            }
        }
    }

    /// <summary>extract_citations: the ids inside every "[1, 2]" group of a bullet, as a set.</summary>
    public static HashSet<int> Citations(string bullet)
    {
        var ids = new HashSet<int>();
        foreach (Match match in CitationGroup().Matches(bullet))
            foreach (var piece in match.Groups[1].Value.Split(','))
                if (piece.Trim().Length > 0 && int.TryParse(piece.Trim(), out var id)) ids.Add(id);
        return ids;
    }

    // np.mean of an empty list is nan.
    private static double Mean(List<double> values) => values.Count == 0 ? double.NaN : values.Average();

    private static IEnumerable<JsonElement> Array(JsonElement element, string field, string file) =>
        element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : throw new UserInputException(file, $"{file}: field \"{field}\" (a list) is missing; expected a SummHay topic file with summaries and eval_summaries");
}

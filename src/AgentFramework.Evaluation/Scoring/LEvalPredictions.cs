using System.Text.Json;
using AgentFramework.Errors;
using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Evaluation.Scoring;

/// <summary>
/// L-Eval prediction files as its Baselines write them (one JSON object per line with "gt", "evaluation" and the
/// model's answer under the first key containing "_pred"), scored as OpenLMLab/LEval @ cd34b05 Evaluation/auto_eval.py
/// does for one <c>--pred_file</c>: the task is recognised from the file name (coursera/quality/tpo, gsm, sci_fi,
/// topic_retrieval_longchat); exam tasks by em.py exact match (coursera's 0.25 partial credit, sci_fi's loyalty/fact
/// average, topic retrieval's average over the 1st/2nd/3rd-topic thirds), "f1" tasks by f1.py, "rouge" tasks by
/// rouge_score R-1/R-2/R-L with L-Eval's reported aggregate, their geometric mean (LEval_score). Values are 0–100,
/// rounded to 4 places as L-Eval rounds them.
/// </summary>
public static class LEvalPredictions
{
    private static readonly string[] OptionTasks = ["coursera", "quality", "tpo"];
    private static readonly string[] Supported = ["f1", "rouge", "exam"];

    public static ScoreSheet Score(string path)
    {
        var rows = new List<ScoreRow>();
        var official = new List<KeyValuePair<string, string>>();
        foreach (var file in PredictionFile.JsonLinesFiles(path))
        {
            var (row, json) = ScoreFile(file);
            rows.Add(row);
            official.Add(new(row.Name, json));
        }
        return new ScoreSheet("L-Eval", "L-Eval auto_eval.py (exact_match / f1 / rouge_score geometric mean), 0-100", rows, PythonJson.Object(official),
            ["rouge tasks: rouge_score (Google) R-1/R-2/R-L F-measure, max over references; LEval_score is their geometric mean"]);
    }

    private static (ScoreRow, string) ScoreFile(string file)
    {
        var name = Path.GetFileName(file);
        var task = name.Split('.')[0];
        if (name.Contains("codeU", StringComparison.Ordinal))
            throw new UserInputException(file, $"{file}: codeU's scoring (process_output_code) is not supported by agentfw score");
        var instances = PredictionFile.ReadJsonLines(file).ToList();
        if (instances.Count == 0) throw new UserInputException(file, $"{file}: no predictions");
        var predictionKey = instances[0].Record.EnumerateObject().Select(p => p.Name).FirstOrDefault(k => k.Contains("_pred", StringComparison.Ordinal))
            ?? throw new UserInputException(file, $"{file}:{instances[0].Line}: no field whose name contains \"_pred\" (L-Eval's prediction key, e.g. \"gpt4_pred\")");
        bool withOptions = OptionTasks.Any(t => name.Contains(t, StringComparison.Ordinal));
        bool coursera = name.Contains("coursera", StringComparison.Ordinal);
        string? config = null;
        var predictions = new List<string>();
        var references = new List<string>();
        var groups = new List<(List<string> Predictions, List<string> References)> { ([], []), ([], []), ([], []) };
        bool topic = name.Contains("topic_retrieval_longchat", StringComparison.Ordinal), sciFi = name.Contains("sci_fi", StringComparison.Ordinal);
        for (int i = 0; i < instances.Count; i++)
        {
            var (line, record) = instances[i];
            var evaluation = PredictionFile.RequiredString(record, "evaluation", file, line);
            if (!Supported.Contains(evaluation)) continue;
            var gt = PredictionFile.RequiredString(record, "gt", file, line);
            var pred = PredictionFile.RequiredString(record, predictionKey, file, line);
            if (withOptions)
            {
                references.Add(LEvalScoring.ProcessGoldMultipleChoice(gt) ?? throw Fails(file, line, "empty \"gt\" (process_gt_mc raises)"));
                predictions.Add(LEvalScoring.ProcessOutputMultipleChoice(pred, coursera));
            }
            else if (name.Contains("gsm", StringComparison.Ordinal))
            {
                references.Add(MathAnswerExtractor.Extract(gt));
                predictions.Add(MathAnswerExtractor.Extract(pred));
            }
            else if (topic)
            {
                groups[i % 3].References.Add(gt);
                groups[i % 3].Predictions.Add(pred);
            }
            else if (sciFi)
            {
                var (loyalty, fact) = LEvalScoring.ProcessGoldJudge(gt) ?? throw Fails(file, line, "\"gt\" has no \"[fact:\"");
                var (predLoyalty, predFact) = LEvalScoring.ProcessOutputJudge(pred) ?? throw Fails(file, line, "the prediction has no \"[fact:\" (process_output_judge raises)");
                groups[0].References.Add(loyalty); groups[0].Predictions.Add(predLoyalty);
                groups[1].References.Add(fact); groups[1].Predictions.Add(predFact);
            }
            else
            {
                references.Add(gt);
                predictions.Add(pred);
            }
            config = evaluation;
        }
        if (config is null) throw new UserInputException(file, $"{file}: no line has \"evaluation\" f1, rouge or exam");

        if (topic || sciFi)
        {
            var parts = (sciFi ? groups.Take(2) : groups).Select(g => Round4(ExactMatchPercent(g.Predictions, g.References))).ToList();
            double balance = parts.Sum() / parts.Count;
            var scores = new Dictionary<string, double>();
            for (int p = 0; p < parts.Count; p++) scores[sciFi ? (p == 0 ? "loyalty" : "fact") : $"topic_{p + 1}"] = parts[p];
            scores["LEval_score"] = balance;
            return (new ScoreRow(task, groups[0].Predictions.Count, scores), JsonOf(scores));
        }
        var result = config switch
        {
            "exam" => new Dictionary<string, double> { ["exact_match"] = Round4(ExactMatchPercent(predictions, references)) },
            "f1" => new Dictionary<string, double> { ["f1"] = Round4(100 * predictions.Zip(references, (p, r) => TokenF1.F1(AnswerNormalizer.Tokens(p), AnswerNormalizer.Tokens(r))).Average()) },
            _ => RougeScores(predictions, references),
        };
        result["LEval_score"] = config switch { "exam" => result["exact_match"], "f1" => result["f1"], _ => result["rouge/geometric_mean"] };
        return (new ScoreRow(task, predictions.Count, result), JsonOf(result));
    }

    private static double ExactMatchPercent(List<string> predictions, List<string> references) =>
        predictions.Count == 0 ? double.NaN : 100.0 * predictions.Zip(references, LEvalScoring.ExactMatch).Sum() / predictions.Count;

    private static Dictionary<string, double> RougeScores(List<string> predictions, List<string> references)
    {
        var scores = predictions.Zip(references, RougeScore.Score).ToList();
        double r1 = 100 * scores.Average(s => s.Rouge1), r2 = 100 * scores.Average(s => s.Rouge2), rl = 100 * scores.Average(s => s.RougeL);
        // transform_aggregated_result_fn: the geometric mean of the unrounded means, then everything rounded to 4 places.
        double geometric = Math.Pow(r1 * r2 * rl, 1.0 / 3.0);
        return new Dictionary<string, double>
        {
            ["rouge/rouge1"] = Round4(r1), ["rouge/rouge2"] = Round4(r2), ["rouge/rougeL"] = Round4(rl), ["rouge/geometric_mean"] = Round4(geometric),
        };
    }

    private static double Round4(double value) => LongBenchScorer.PythonRound(value, 4);

    private static string JsonOf(Dictionary<string, double> scores) =>
        PythonJson.Object(scores.Select(kv => new KeyValuePair<string, string>(kv.Key, PythonJson.Float(kv.Value))), 1);

    private static UserInputException Fails(string file, int line, string why) => new(file, $"{file}:{line}: L-Eval's scorer fails on this line: {why}");
}

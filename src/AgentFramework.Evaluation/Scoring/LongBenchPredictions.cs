using AgentFramework.Errors;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Evaluation.Scoring;

/// <summary>
/// LongBench v1 prediction folders as its pred.py writes them (<c>pred/&lt;model&gt;/&lt;task&gt;.jsonl</c>, one
/// <c>{"pred", "answers", "all_classes", "length"}</c> per line), scored as THUDM/LongBench @ 2e00731 LongBench/eval.py
/// does: the task is the file name up to its first '.', all_classes is the last line's, the task score is
/// round(100 · mean, 2), and with <c>--e</c> (LongBench-E) the scores are split by <c>length</c> into 0-4k / 4-8k / 8k+.
/// </summary>
public static class LongBenchPredictions
{
    private static readonly string[] Buckets = ["0-4k", "4-8k", "8k+"];

    public static ScoreSheet Score(string folder, bool lengthSplit, FuzzRatioBackend codeBackend = FuzzRatioBackend.Levenshtein)
    {
        var rows = new List<ScoreRow>();
        var official = new List<KeyValuePair<string, string>>();
        var notes = new List<string>();
        foreach (var file in PredictionFile.JsonLinesFiles(folder))
        {
            var task = Path.GetFileName(file).Split('.')[0];
            if (!LongBenchTasks.All.Contains(task))
                throw new UserInputException(file, $"{file}: '{task}' is not a LongBench task (eval.py scores {string.Join(", ", LongBenchTasks.All)}); move other files out of the folder");
            var samples = new List<(string Pred, IReadOnlyList<string> Answers, double? Length, int Line)>();
            IReadOnlyList<string> allClasses = [];
            foreach (var (line, record) in PredictionFile.ReadJsonLines(file))
            {
                var pred = PredictionFile.RequiredString(record, "pred", file, line);
                var answers = PredictionFile.StringList(record, "answers", file, line);
                allClasses = PredictionFile.StringList(record, "all_classes", file, line);
                double? length = record.TryGetProperty("length", out var l) && l.ValueKind == System.Text.Json.JsonValueKind.Number ? l.GetDouble() : null;
                if (lengthSplit && length is null)
                    throw new UserInputException(file, $"{file}:{line}: LongBenchPredictions.LengthSplit needs a numeric \"length\" on every line (LongBench-E predictions)");
                samples.Add((pred, answers, length, line));
            }
            var scores = samples.Select(s => ScoreOne(task, s.Pred, s.Answers, allClasses, codeBackend, file, s.Line)).ToList();
            if (!lengthSplit)
            {
                double taskScore = LongBenchScorer.TaskScore(scores);
                rows.Add(new ScoreRow(task, scores.Count, new Dictionary<string, double> { ["score"] = taskScore }));
                official.Add(new(task, PythonJson.Float(taskScore)));
                continue;
            }
            var byBucket = Buckets.ToDictionary(b => b, _ => new List<double>());
            for (int i = 0; i < samples.Count; i++)
                byBucket[samples[i].Length < 4000 ? "0-4k" : samples[i].Length < 8000 ? "4-8k" : "8k+"].Add(scores[i]);
            // np.mean of an empty bucket is nan (eval.py writes NaN).
            var bucketScores = Buckets.ToDictionary(b => b, b => byBucket[b].Count == 0 ? double.NaN : LongBenchScorer.PythonRound(100 * byBucket[b].Average(), 2));
            rows.Add(new ScoreRow(task, scores.Count, bucketScores));
            official.Add(new(task, PythonJson.Object(bucketScores.Select(kv => new KeyValuePair<string, string>(kv.Key, PythonJson.Float(kv.Value))), 1)));
        }
        if (rows.Any(r => r.Name is "lcc" or "repobench-p"))
            notes.Add($"code similarity: fuzzywuzzy fuzz.ratio via {(codeBackend == FuzzRatioBackend.Difflib ? "difflib (no python-Levenshtein)" : "python-Levenshtein")}");
        return new ScoreSheet(lengthSplit ? "LongBench-E" : "LongBench", "LongBench eval.py dataset2metric, 0-100", rows, PythonJson.Object(official), notes);
    }

    private static double ScoreOne(string task, string pred, IReadOnlyList<string> answers, IReadOnlyList<string> allClasses,
        FuzzRatioBackend backend, string file, int line)
    {
        try
        {
            return LongBenchScorer.ScoreSample(task, pred, answers, allClasses, backend);
        }
        catch (OfficialScorerException e)
        {
            throw new UserInputException(file, $"{file}:{line}: LongBench's scorer fails on this line ({e.Message})");
        }
    }
}

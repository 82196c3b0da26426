using System.Text.Json;
using AgentFramework.Errors;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Evaluation.Scoring;

/// <summary>RULER, LongBench-Write (LongWriter), LongBench v2 and generic JSONL prediction files.</summary>
public static class OtherPredictions
{
    /// <summary>
    /// RULER prediction folders (<c>pred/&lt;task&gt;.jsonl</c> with "pred" and "outputs"), scored as NVIDIA/RULER @ c3f5e3b
    /// scripts/eval/evaluate.py: postprocess_pred, then the task's metric — string_match_part for qa tasks,
    /// string_match_all otherwise — as <c>round(sum / n * 100, 2)</c>.
    /// </summary>
    public static ScoreSheet Ruler(string path)
    {
        var rows = new List<ScoreRow>();
        var official = new List<KeyValuePair<string, string>>();
        foreach (var file in PredictionFile.JsonLinesFiles(path))
        {
            var task = Path.GetFileNameWithoutExtension(file);
            bool part = task.StartsWith("qa", StringComparison.Ordinal);
            var scores = new List<double>();
            foreach (var (line, record) in PredictionFile.ReadJsonLines(file))
            {
                var pred = PredictionFile.RequiredString(record, "pred", file, line);
                var outputs = PredictionFile.StringList(record, "outputs", file, line);
                if (outputs.Count == 0) throw new UserInputException(file, $"{file}:{line}: \"outputs\" (the reference strings) is empty");
                scores.Add(part ? StringMatchPart.Score(pred, outputs) : StringMatchAll.Score(pred, outputs));
            }
            double score = scores.Count == 0 ? double.NaN : LongBenchScorer.PythonRound(scores.Sum() / scores.Count * 100, 2);
            rows.Add(new ScoreRow(task, scores.Count, new Dictionary<string, double> { [part ? "string_match_part" : "string_match_all"] = score }));
            official.Add(new(task, PythonJson.Float(score)));
        }
        return new ScoreSheet("RULER", "RULER string_match_all / string_match_part (qa), 0-100", rows, PythonJson.Object(official), []);
    }

    /// <summary>
    /// LongWriter's pred.jsonl (THUDM/LongWriter @ 3fcfdff evaluation/pred.py writes "length", "response",
    /// "response_length"): S_l per line by eval_length.py's score, averaged. response_length is recounted with
    /// count_words when absent. A judge.jsonl written by eval_quality.py (lines with the judge's "scores") also gives
    /// S_q as eval_quality.py aggregates it (per dimension 25·(mean − 1), a missing dimension counted as 3; the summary
    /// line it appends is skipped) and overall = (S_l + S_q) / 2. Other files: S_q needs a judge (agentfw bench).
    /// </summary>
    public static ScoreSheet LongWriter(string path)
    {
        var rows = new List<ScoreRow>();
        var official = new List<KeyValuePair<string, string>>();
        foreach (var file in PredictionFile.JsonLinesFiles(path))
        {
            var scores = new List<double>();
            var judged = new List<JsonElement>();
            foreach (var (line, record) in PredictionFile.ReadJsonLines(file))
            {
                if (!record.TryGetProperty("length", out _) && record.TryGetProperty("total", out _)) continue; // eval_quality.py's appended totals
                if (record.TryGetProperty("scores", out var judge) && judge.ValueKind == JsonValueKind.Object) judged.Add(judge.Clone());
                int required = (int)PredictionFile.RequiredNumber(record, "length", file, line);
                int produced = record.TryGetProperty("response_length", out var n) && n.ValueKind == JsonValueKind.Number
                    ? n.GetInt32()
                    : LongWriterWords.Count(PredictionFile.RequiredString(record, "response", file, line));
                scores.Add(LongWriterWords.Score(required, produced)
                    ?? throw new UserInputException(file, $"{file}:{line}: LongWriter's score divides by zero here (required {required}, produced {produced} words)"));
            }
            double mean = scores.Count == 0 ? double.NaN : scores.Average();
            var name = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file))) is { Length: > 0 } model && Path.GetFileName(file) is "pred.jsonl" or "judge.jsonl" ? model : Path.GetFileNameWithoutExtension(file);
            var values = new Dictionary<string, double> { ["S_l"] = mean };
            if (judged.Count > 0)
            {
                values["S_q"] = LongWriterJudgeFile.Quality(judged, file);
                values["overall"] = (mean + values["S_q"]) / 2;
            }
            rows.Add(new ScoreRow(name, scores.Count, values));
            official.Add(new(name, PythonJson.Object(values.Select(kv => new KeyValuePair<string, string>(kv.Key, PythonJson.Float(kv.Value))), 1)));
        }
        return new ScoreSheet("LongBench-Write", "LongWriter eval_length.py S_l, eval_quality.py S_q (from a judge.jsonl), 0-100", rows, PythonJson.Object(official),
            rows.Any(r => r.Scores.ContainsKey("S_q")) ? [] : ["S_q needs the judge's scores (eval_quality.py's judge.jsonl, or a bench run given a judge (MetricRegistry.Judge))"]);
    }

    /// <summary>
    /// LongBench v2 result files (pred.py's output: "response" or "pred", "answer", "difficulty", "length"), scored as
    /// THUDM/LongBench @ 2e00731 pred.py + result.py: the answer is re-extracted from "response" when present
    /// (extract_answer), judged equal to "answer", and reported as Overall / Easy / Hard / Short / Medium / Long,
    /// round(100 · accuracy, 1).
    /// </summary>
    public static ScoreSheet LongBenchV2(string path)
    {
        var rows = new List<ScoreRow>();
        var official = new List<KeyValuePair<string, string>>();
        foreach (var file in PredictionFile.JsonLinesFiles(path, "*.json*"))
        {
            var groups = new Dictionary<string, (double Right, int Count)>();
            void Add(string key, double right) { var (r, c) = groups.GetValueOrDefault(key); groups[key] = (r + right, c + 1); }
            foreach (var (line, record) in ReadRecords(file))
            {
                var answer = PredictionFile.RequiredString(record, "answer", file, line);
                string? chosen = record.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.String
                    ? LongBenchV2Answer.Extract(response.GetString()!)
                    : record.TryGetProperty("pred", out var pred) && pred.ValueKind == JsonValueKind.String ? pred.GetString() : null;
                double right = chosen == answer ? 1 : 0;
                Add("Overall", right);
                Add(PredictionFile.RequiredString(record, "difficulty", file, line) == "easy" ? "Easy" : "Hard", right);
                var length = PredictionFile.RequiredString(record, "length", file, line);
                Add(length == "short" ? "Short" : length == "medium" ? "Medium" : "Long", right);
            }
            var scores = new[] { "Overall", "Easy", "Hard", "Short", "Medium", "Long" }.ToDictionary(k => k,
                k => groups.TryGetValue(k, out var g) ? LongBenchScorer.PythonRound(100 * g.Right / g.Count, 1) : double.NaN);
            var name = Path.GetFileNameWithoutExtension(file);
            rows.Add(new ScoreRow(name, groups.GetValueOrDefault("Overall").Count, scores));
            official.Add(new(name, PythonJson.Object(scores.Select(kv => new KeyValuePair<string, string>(kv.Key, PythonJson.Float(kv.Value))), 1)));
        }
        return new ScoreSheet("LongBench v2", "LongBench v2 extract_answer accuracy (result.py splits), 0-100", rows, PythonJson.Object(official), []);
    }

    // result.py reads a JSON list, or JSON Lines when that fails.
    private static IEnumerable<(int Line, JsonElement Record)> ReadRecords(string file)
    {
        var text = File.ReadAllText(file).TrimStart();
        if (text.StartsWith('[')) return PredictionFile.ReadJson(file).EnumerateArray().Select((r, i) => (i + 1, r));
        return PredictionFile.ReadJsonLines(file);
    }

    /// <summary>
    /// A generic JSON Lines file, one {"id", "prediction", "references"} per line, scored with the named deterministic
    /// metrics (default exact-match, token-f1 and rouge-l, LongBench's definitions): means on 0–100.
    /// </summary>
    public static Task<ScoreSheet> GenericAsync(string path, IReadOnlyList<string> metricNames, CancellationToken cancellationToken) =>
        GenericAsync(path, metricNames, null, cancellationToken);

    /// <summary>A generic JSON Lines file scored with metrics of <paramref name="definitions"/> (<see cref="MetricDefinitions.Default"/> when null).</summary>
    public static async Task<ScoreSheet> GenericAsync(string path, IReadOnlyList<string> metricNames, MetricDefinitions? definitions, CancellationToken cancellationToken)
    {
        var registry = new MetricRegistry(definitions: definitions);
        var metrics = metricNames.Select(registry.Get).ToList();
        var sums = metrics.ToDictionary(m => m.Name, _ => 0.0);
        int count = 0;
        foreach (var file in PredictionFile.JsonLinesFiles(path))
        {
            foreach (var (line, record) in PredictionFile.ReadJsonLines(file))
            {
                var id = record.TryGetProperty("id", out var i) ? i.ToString() : $"{Path.GetFileName(file)}:{line}";
                var prediction = PredictionFile.RequiredString(record, "prediction", file, line);
                var references = PredictionFile.StringList(record, "references", file, line);
                if (references.Count == 0) throw new UserInputException(file, $"{file}:{line}: \"references\" (a list of strings) is missing or empty");
                var benchmarkCase = new BenchmarkCase(id, "jsonl", TaskKind.QuestionAnswering, [], "", references, metricNames, "");
                foreach (var metric in metrics)
                    sums[metric.Name] += (await metric.ScoreAsync(benchmarkCase, Prediction.FromText(prediction), cancellationToken).ConfigureAwait(false)).Value;
                count++;
            }
        }
        var scores = sums.ToDictionary(kv => kv.Key, kv => count == 0 ? double.NaN : 100 * kv.Value / count);
        var name = Path.GetFileName(Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar));
        return new ScoreSheet("jsonl", string.Join(", ", metricNames) + ", 0-100", [new ScoreRow(name, count, scores)],
            PythonJson.Object(scores.Select(kv => new KeyValuePair<string, string>(kv.Key, PythonJson.Float(kv.Value)))), []);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.IntegrationTests.Agents;

namespace AgentFramework.IntegrationTests.Evaluation;

/// <summary>
/// <c>agentfw score</c> end to end on prediction files written in each benchmark's own format, built from the
/// conformance pairs (whose per-pair official scores give the official task score) or small hand-made files.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ScoreCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("agentfw-score");

    public void Dispose() => _folder.Delete(true);

    private static IReadOnlyList<ConformancePair> Pairs(string family) =>
        [.. ConformancePair.Load(SharedData.RequireFile("data/scorer-conformance/pairs.jsonl")).Where(p => p.Family == family && !p.OfficialRaises)];

    private string Write(string relative, IEnumerable<object> lines)
    {
        var path = Path.Combine(_folder.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, lines.Select(l => JsonSerializer.Serialize(l)));
        return path;
    }

    // eval.py: round(100 * total / n, 2), total summed in file order.
    private static double OfficialMean(IEnumerable<double> scores, double scale, int digits)
    {
        var list = scores.ToList();
        double total = 0;
        foreach (var s in list) total += s;
        return LongBenchScorer.PythonRound(scale * total / list.Count, digits);
    }

    [Fact]
    public async Task LongBench_prints_eval_py_result_json()
    {
        string[] tasks = ["hotpotqa", "multifieldqa_zh", "trec", "lcc", "vcsum", "passage_count"];
        var expected = new Dictionary<string, double>();
        foreach (var task in tasks)
        {
            // eval.py takes all_classes from a file's last line: keep the pairs labelled with the last pair's classes.
            var all = Pairs($"lb:{task}");
            var pairs = all.Where(p => p.Classes.SequenceEqual(all[^1].Classes)).ToList();
            Write($"pred/{task}.jsonl", pairs.Select((p, i) => new { pred = p.Prediction, answers = p.Golds, all_classes = p.Classes, length = i % 3 == 0 ? 2000 : 9000 }));
            expected[task] = OfficialMean(pairs.Select(p => p.OfficialScore!.Value), 100, 2);
        }
        var (code, stdout, stderr) = await CliRun.RunAsync("score", "longbench", Path.Combine(_folder.FullName, "pred"), "--json");
        Assert.True(code == 0, stderr);
        var result = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(tasks.Order(StringComparer.Ordinal), result.Select(kv => kv.Key));
        foreach (var task in tasks) Assert.Equal(expected[task], result[task]!.GetValue<double>());
        Assert.Contains("python-Levenshtein", stderr);

        // --e: the 0-4k / 4-8k / 8k+ split by "length" (no line falls in 4-8k: eval.py writes NaN there).
        (code, stdout, stderr) = await CliRun.RunAsync("score", "longbench", Path.Combine(_folder.FullName, "pred"), "--e", "--json");
        Assert.True(code == 0, stderr);
        Assert.Contains("\"4-8k\": NaN", stdout);
        var pairsQa = Pairs("lb:hotpotqa").ToList();
        double shortScore = OfficialMean(pairsQa.Where((_, i) => i % 3 == 0).Select(p => p.OfficialScore!.Value), 100, 2);
        Assert.Contains($"\"0-4k\": {shortScore.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}", stdout);
    }

    [Fact]
    public async Task LEval_scores_exam_sci_fi_and_rouge_files_as_auto_eval()
    {
        var quality = Pairs("leval_mc:coursera");
        Write("leval/coursera.pred.jsonl", quality.Select(p => new Dictionary<string, object> { ["gt"] = p.Golds[0], ["evaluation"] = "exam", ["my_pred"] = p.Prediction }));
        var sciFi = Pairs("leval_scifi");
        Write("leval/sci_fi.pred.jsonl", sciFi.Select(p => new Dictionary<string, object> { ["gt"] = p.Golds[0], ["evaluation"] = "exam", ["my_pred"] = p.Prediction }));
        var rouge = Pairs("leval_rouge").Where(p => p.Task == "meeting_summ").ToList();
        Write("leval/meeting_summ.pred.jsonl", rouge.Select(p => new Dictionary<string, object> { ["gt"] = p.Golds[0], ["evaluation"] = "rouge", ["my_pred"] = p.Prediction }));

        var (code, stdout, stderr) = await CliRun.RunAsync("score", "leval", Path.Combine(_folder.FullName, "leval"), "--json");
        Assert.True(code == 0, stderr);
        var result = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(OfficialMean(quality.Select(p => p.OfficialScore!.Value), 100, 4), result["coursera"]!["exact_match"]!.GetValue<double>());
        // sci_fi: loyalty and fact each scored over all lines, then averaged = the mean of the per-pair averages.
        Assert.Equal(100 * sciFi.Average(p => p.OfficialScore!.Value), result["sci_fi"]!["LEval_score"]!.GetValue<double>(), 3);
        double r1 = 100 * rouge.Average(p => p.Official.GetProperty("rouge1").GetDouble());
        double r2 = 100 * rouge.Average(p => p.Official.GetProperty("rouge2").GetDouble());
        double rl = 100 * rouge.Average(p => p.OfficialScore!.Value);
        Assert.Equal(LongBenchScorer.PythonRound(rl, 4), result["meeting_summ"]!["rouge/rougeL"]!.GetValue<double>(), 9);
        Assert.Equal(LongBenchScorer.PythonRound(Math.Pow(r1 * r2 * rl, 1.0 / 3), 4), result["meeting_summ"]!["LEval_score"]!.GetValue<double>(), 9);
    }

    [Fact]
    public async Task Ruler_niah_and_qa_files_score_as_evaluate_py()
    {
        var all = Pairs("ruler_all");
        var part = Pairs("ruler_part");
        Write("ruler/niah_multivalue.jsonl", all.Select(p => new { index = 0, pred = p.Prediction, outputs = p.Golds }));
        Write("ruler/qa_1.jsonl", part.Select(p => new { index = 0, pred = p.Prediction, outputs = p.Golds }));
        var (code, stdout, stderr) = await CliRun.RunAsync("score", "ruler", Path.Combine(_folder.FullName, "ruler"), "--json");
        Assert.True(code == 0, stderr);
        var result = JsonNode.Parse(stdout)!.AsObject();
        // RULER: round(sum / n * 100, 2)
        Assert.Equal(LongBenchScorer.PythonRound(all.Sum(p => p.OfficialScore!.Value) / all.Count * 100, 2), result["niah_multivalue"]!.GetValue<double>());
        Assert.Equal(LongBenchScorer.PythonRound(part.Sum(p => p.OfficialScore!.Value) / part.Count * 100, 2), result["qa_1"]!.GetValue<double>());
    }

    [Fact]
    public async Task LongBench_Write_pred_jsonl_gives_the_mean_length_score()
    {
        var pairs = Pairs("lw_length");
        Write("LongWriter-test/pred.jsonl", pairs.Select(p => new { length = int.Parse(p.Golds[0]), response = p.Prediction }));
        var (code, stdout, stderr) = await CliRun.RunAsync("score", "longbench-write", Path.Combine(_folder.FullName, "LongWriter-test", "pred.jsonl"), "--json");
        Assert.True(code == 0, stderr);
        var result = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(pairs.Average(p => p.OfficialScore!.Value), result["LongWriter-test"]!["S_l"]!.GetValue<double>(), 9);
    }

    [Fact]
    public async Task LongWriter_judge_jsonl_gives_s_q_and_overall_as_eval_quality_aggregates_them()
    {
        // eval_quality.py's judge.jsonl: prediction lines with the judge's "scores", then the totals line it appends.
        // Hand-computed: Relevance (5+2)/2 → 62.5; Accuracy (3+2)/2 → 37.5; Clarity missing on line 2 counts 3: (5+3)/2 → 75;
        // the other three 62.5; S_q = (62.5·4 + 37.5 + 75) / 6 = 60.4166…
        var dims = new[] { "Relevance", "Accuracy", "Coherence", "Clarity", "Breadth and Depth", "Reading Experience" };
        var first = dims.ToDictionary(d => d, d => d == "Accuracy" ? 3 : 5);
        var second = dims.Where(d => d != "Clarity").ToDictionary(d => d, _ => 2);
        Write("LongWriter-judged/judge.jsonl", new object[]
        {
            new { length = 100, response = string.Join(' ', Enumerable.Repeat("word", 100)), scores = first },
            new { length = 100, response = string.Join(' ', Enumerable.Repeat("word", 50)), scores = second },
            new { Relevance = 50.0, total = 60.0 },
        });
        var (code, stdout, stderr) = await CliRun.RunAsync("score", "longbench-write", Path.Combine(_folder.FullName, "LongWriter-judged", "judge.jsonl"), "--json");
        Assert.True(code == 0, stderr);
        var result = JsonNode.Parse(stdout)!["LongWriter-judged"]!;
        double sl = (100 + 100 * (1 - (100.0 / 50 - 1) / 2)) / 2;
        Assert.Equal(sl, result["S_l"]!.GetValue<double>(), 9);
        Assert.Equal((62.5 * 4 + 37.5 + 75) / 6, result["S_q"]!.GetValue<double>(), 9);
        Assert.Equal((sl + (62.5 * 4 + 37.5 + 75) / 6) / 2, result["overall"]!.GetValue<double>(), 9);
    }

    [Fact]
    public async Task SummHay_topic_file_gives_coverage_citation_and_joint()
    {
        // Three documents; insight A is in docs 1 and 2, insight B in doc 3, insight C in doc 2.
        var topic = new JsonObject
        {
            ["documents"] = new JsonArray(
                new JsonObject { ["insights_included"] = new JsonArray("A") },
                new JsonObject { ["insights_included"] = new JsonArray("A", "C") },
                new JsonObject { ["insights_included"] = new JsonArray("B") }),
            ["subtopics"] = new JsonArray(new JsonObject
            {
                ["insights"] = new JsonArray(),
                ["summaries"] = new JsonObject { ["summary_subtopic_model-x"] = new JsonArray("Point one [1, 3].", "Point two [2][3]") },
                ["eval_summaries"] = new JsonObject
                {
                    ["summary_subtopic_model-x"] = new JsonArray(
                        new JsonObject { ["insight_id"] = "A", ["coverage"] = "FULL_COVERAGE", ["bullet_id"] = "1" },
                        new JsonObject { ["insight_id"] = "B", ["coverage"] = "PARTIAL_COVERAGE", ["bullet_id"] = 2 },
                        new JsonObject { ["insight_id"] = "C", ["coverage"] = "NO_COVERAGE", ["bullet_id"] = "NA" }),
                },
            }),
        };
        var file = Path.Combine(_folder.FullName, "topic_news1.json");
        File.WriteAllText(file, topic.ToJsonString());
        var (code, stdout, stderr) = await CliRun.RunAsync("score", "summhay", file, "--json");
        Assert.True(code == 0, stderr);
        var model = JsonNode.Parse(stdout)!.AsArray().Single()!;
        // A: cited {1,3} vs {1,2}: P = R = 1/2, F1 = 1/2, joint 1 · 1/2. B: cited {2,3} vs {3}: P 1/2, R 1, F1 2/3, joint 0.5 · 2/3. C: uncovered.
        Assert.Equal("model-x", model["model"]!.GetValue<string>());
        Assert.Equal((1 + 0.5 + 0) / 3, model["coverage_score"]!.GetValue<double>(), 12);
        Assert.Equal((0.5 + 2.0 / 3) / 2, model["citation_score"]!.GetValue<double>(), 12);
        Assert.Equal((0.5 + 0.5 * 2 / 3 + 0) / 3, model["joint_score"]!.GetValue<double>(), 12);
    }

    [Fact]
    public async Task A_bad_prediction_file_is_one_line_naming_it_with_exit_2()
    {
        var file = Path.Combine(_folder.FullName, "pred", "hotpotqa.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "{\"pred\": \"x\", \"answers\": [\"x\"], \"all_classes\": null}\n{\"answers\": [\"y\"]}\n");
        var (code, _, stderr) = await CliRun.RunAsync("score", "longbench", Path.GetDirectoryName(file)!);
        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains($"{file}:2", stderr);
        Assert.Contains("\"pred\"", stderr);

        (code, _, stderr) = await CliRun.RunAsync("score", "nosuchbench", file);
        Assert.Equal(2, code);
        Assert.Contains("Unknown benchmark", stderr);
    }

    [Fact]
    public async Task Generic_jsonl_scores_with_the_named_metrics()
    {
        var file = Write("generic.jsonl", [
            new { id = "1", prediction = "The Eiffel Tower", references = new[] { "eiffel tower" } },
            new { id = "2", prediction = "Paris, France", references = new[] { "Lyon" } },
        ]);
        var (code, stdout, stderr) = await CliRun.RunAsync("score", "jsonl", file, "--metrics", "exact-match,token-f1", "--json", "--out", Path.Combine(_folder.FullName, "out"));
        Assert.True(code == 0, stderr);
        var result = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(50.0, result["exact-match"]!.GetValue<double>());
        Assert.Equal(50.0, result["token-f1"]!.GetValue<double>());
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "out", "scores.md")));
    }
}

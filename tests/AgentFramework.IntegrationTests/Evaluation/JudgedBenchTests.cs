using System.Text.Json;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Reports;
using AgentFramework.IntegrationTests.Agents;
using AgentFramework.IntegrationTests.Serving;

namespace AgentFramework.IntegrationTests.Evaluation;

/// <summary>
/// <c>agentfw bench</c> with <c>--judge-endpoint</c>: the writer and the judge are models behind a real loopback
/// OpenAI-compatible HTTP server. The judge replies with fixed JSON (its quality is not what is tested: the prompt,
/// the parsing, the retry/skip rule and the aggregation are). Also LongBench v2 from a generated data.json.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class JudgedBenchTests : IAsyncLifetime
{
    // Dimension scores averaging 4: per sample (4 − 1) / 4 = 0.75, so S_q = 75.
    private const string JudgeJson = """{"Analysis": "Clear and on topic.", "Relevance": 5, "Accuracy": 4, "Coherence": 4, "Clarity": 3, "Breadth and Depth": 3, "Reading Experience": 5}""";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("agentfw-judged-bench");
    private RunningServer? _writer;
    private RunningServer? _judge;
    private ScriptedChatModel? _judgeModel;
    private readonly List<string> _judgePrompts = [];

    public async ValueTask InitializeAsync()
    {
        _writer = await RunningServer.StartAsync(new ScriptedChatModel((messages, _) =>
        {
            var prompt = string.Join("\n", messages.Select(m => m.Text));
            if (prompt.Contains("What is the correct answer to this question", StringComparison.Ordinal))
                return Task.FromResult("The correct answer is (C)");
            return Task.FromResult("1. The harbour at dawn (30 words)\n2. The boats coming home (30 words)");
        }));
        _judgeModel = new ScriptedChatModel((messages, _) =>
        {
            var prompt = messages[^1].Text;
            lock (_judgePrompts) _judgePrompts.Add(prompt);
            // The second writing request's sample never gets readable scores: it is skipped, as eval_quality.py skips it.
            return Task.FromResult(prompt.Contains("lighthouse", StringComparison.Ordinal) ? "I liked it a lot." : "```json\n" + JudgeJson + "\n```");
        });
        _judge = await RunningServer.StartAsync(_judgeModel);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
        if (_judge is not null) await _judge.DisposeAsync();
        _folder.Delete(true);
    }

    [Fact]
    public async Task Longbench_write_with_a_judge_endpoint_reports_s_q_and_overall_and_skips_unreadable_samples()
    {
        var data = Path.Combine(_folder.FullName, "longbench_write.jsonl");
        await File.WriteAllTextAsync(data,
            """{"prompt": "Write a 60-word scene about a harbour.", "type": "Literature", "length": 60}""" + "\n" +
            """{"prompt": "Write a 60-word scene about a lighthouse.", "type": "Literature", "length": 60}""" + "\n", TestContext.Current.CancellationToken);
        var output = Path.Combine(_folder.FullName, "write");
        var (code, _, stderr) = await CliRun.RunAsync("bench", "--dataset", data, "--pipelines", "plan-then-write", "--out", output,
            "--endpoint", _writer!.ApiBase.ToString(), "--judge-endpoint", _judge!.ApiBase.ToString(), "--context-length", "4096", "--no-cache");
        Assert.True(code == 0, stderr);
        Assert.Contains("longwriter-quality skipped", stderr);

        var rows = ResultsJournal.Read(Path.Combine(output, ReportWriter.ResultsFile));
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
        var judged = rows.Single(r => r.CaseId.EndsWith("-0", StringComparison.Ordinal));
        var quality = judged.Scores.Single(s => s.Metric == LongWriterQuality.MetricName);
        Assert.Equal(0.75, quality.Value, 12);
        Assert.True(quality.JudgeScored);
        var skipped = rows.Single(r => r.CaseId.EndsWith("-1", StringComparison.Ordinal));
        Assert.DoesNotContain(skipped.Scores, s => s.Metric == LongWriterQuality.MetricName);
        Assert.Contains("longwriter-quality_skipped", skipped.Notices!);

        // The official prompt, filled once, in one user message; the unreadable sample used its whole retry budget (5 calls).
        Assert.Contains(_judgePrompts, p => p.StartsWith("You are an expert in evaluating text quality.", StringComparison.Ordinal)
            && p.Contains("<User Request>\n\nWrite a 60-word scene about a harbour.\n\n</User Request>", StringComparison.Ordinal));
        Assert.Equal(1 + 5, _judgeModel!.Calls);

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, ReportWriter.SummaryFile), TestContext.Current.CancellationToken));
        var aggregates = summary.RootElement.GetProperty("aggregates").EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!);
        double sl = aggregates["S_l"].GetProperty("scores").GetProperty("plan-then-write").GetDouble();
        Assert.Equal(75, aggregates["S_q"].GetProperty("scores").GetProperty("plan-then-write").GetDouble(), 9);
        Assert.Equal((sl + 75) / 2, aggregates["overall"].GetProperty("scores").GetProperty("plan-then-write").GetDouble(), 9);
        Assert.Equal(25 * (3 - 1), aggregates["S_q Clarity"].GetProperty("scores").GetProperty("plan-then-write").GetDouble(), 9);
        var report = await File.ReadAllTextAsync(Path.Combine(output, ReportWriter.ReportFile), TestContext.Current.CancellationToken);
        Assert.Contains("| S_q | ", report);
        Assert.Contains("1 runs were left out of S_q", report);
    }

    [Fact]
    public async Task Longbench_write_without_a_judge_shows_a_dash_and_the_reason()
    {
        var data = Path.Combine(_folder.FullName, "write_nojudge.jsonl");
        await File.WriteAllTextAsync(data, """{"prompt": "Write a 60-word scene about a harbour.", "type": "Literature", "length": 60}""" + "\n", TestContext.Current.CancellationToken);
        var output = Path.Combine(_folder.FullName, "nojudge");
        var (code, _, stderr) = await CliRun.RunAsync("bench", "--dataset", data, "--pipelines", "plan-then-write", "--out", output,
            "--endpoint", _writer!.ApiBase.ToString(), "--context-length", "4096", "--no-cache");
        Assert.True(code == 0, stderr);
        var report = await File.ReadAllTextAsync(Path.Combine(output, ReportWriter.ReportFile), TestContext.Current.CancellationToken);
        Assert.Matches(@"\| S_q \| [^|]+ \| – \|", report);
        Assert.Contains("S_q is judge-scored", report);
        Assert.Equal(0, _judgeModel!.Calls);
    }

    [Fact]
    public async Task Longbench_v2_data_json_runs_with_the_official_prompt_and_reports_its_splits()
    {
        var data = Path.Combine(_folder.FullName, "data.json");
        var items = new[] { ("easy", "short", "C"), ("hard", "long", "C"), ("hard", "short", "A") }.Select((x, i) => new Dictionary<string, string>
        {
            ["_id"] = $"v2-{i}", ["domain"] = "Single-Document QA", ["sub_domain"] = "Literary", ["difficulty"] = x.Item1, ["length"] = x.Item2,
            ["question"] = $"Which harbour is named in story {i}? ", ["choice_A"] = "Dover", ["choice_B"] = "Calais", ["choice_C"] = "Kiel", ["choice_D"] = "Oslo",
            ["answer"] = x.Item3, ["context"] = $"Story {i}. The boats came home to Kiel at dawn, as they always did.",
        });
        await File.WriteAllTextAsync(data, JsonSerializer.Serialize(items), TestContext.Current.CancellationToken);
        var output = Path.Combine(_folder.FullName, "v2");
        var (code, _, stderr) = await CliRun.RunAsync("bench", "--dataset", "longbench-v2:" + data, "--pipelines", "full-context", "--out", output,
            "--endpoint", _writer!.ApiBase.ToString(), "--context-length", "4096", "--no-cache");
        Assert.True(code == 0, stderr);
        var rows = ResultsJournal.Read(Path.Combine(output, ReportWriter.ResultsFile));
        Assert.Equal([1.0, 1.0, 0.0], rows.OrderBy(r => r.CaseId, StringComparer.Ordinal).Select(r => r.Score));
        Assert.All(rows, r => Assert.Equal(LongBenchV2Accuracy.MetricName, r.ScoreMetric));
        var report = await File.ReadAllTextAsync(Path.Combine(output, ReportWriter.ReportFile), TestContext.Current.CancellationToken);
        Assert.Contains("## longbench-v2 by difficulty", report);
        Assert.Contains("## longbench-v2 by length", report);
        Assert.Contains("| longbench-v2 | accuracy | 66.67 (3) |", report);
    }
}

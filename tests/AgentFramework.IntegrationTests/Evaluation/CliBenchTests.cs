using System.Text.Json;
using System.Text.RegularExpressions;
using AgentFramework.Evaluation.Reports;
using AgentFramework.IntegrationTests.Agents;
using AgentFramework.IntegrationTests.Serving;

namespace AgentFramework.IntegrationTests.Evaluation;

/// <summary>
/// <c>agentfw bench</c> and <c>bench list</c> end to end: CLI → runner → reading pipelines → model middleware → OpenAI
/// client → a real loopback HTTP server. Its model is scripted as a perfect reader: it answers with the magic number
/// it finds in the prompt for the asked key, so scores mean something.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class CliBenchTests : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("agentfw-cli-bench");
    private RunningServer? _server;
    private ScriptedChatModel? _model;

    [GeneratedRegex(@"magic number for ([a-z]+-[a-z]+)")]
    private static partial Regex AskedKey();

    public async ValueTask InitializeAsync()
    {
        _model = new ScriptedChatModel((messages, _) =>
        {
            var prompt = string.Join("\n", messages.Select(m => m.Text));
            var key = AskedKey().Match(prompt);
            var value = key.Success ? Regex.Match(prompt, $@"for {Regex.Escape(key.Groups[1].Value)} is: (\d+)") : Match.Empty;
            return Task.FromResult(value.Success ? $"The number is {value.Groups[1].Value}." : "I do not know.");
        });
        _server = await RunningServer.StartAsync(_model);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _folder.Delete(true);
    }

    [Fact]
    public async Task Bench_list_shows_the_shared_datasets_with_counts()
    {
        var data = SharedData.RequireDirectory("data");
        var (code, stdout, stderr) = await CliRun.RunAsync("bench", "list", "--data-dir", data, "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var datasets = json.RootElement.GetProperty("datasets").EnumerateArray()
            .ToDictionary(d => d.GetProperty("name").GetString()!, d => d.GetProperty("cases").GetInt32());
        Assert.Equal(269, datasets["leval:tpo"]);
        Assert.Equal(120, datasets["longbench-write"]);
        Assert.Contains("niah", json.RootElement.GetProperty("synthetic").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Bench_on_needles_at_two_lengths_writes_reports_and_a_rerun_resumes()
    {
        var data = SharedData.RequireDirectory("data");
        var output = Path.Combine(_folder.FullName, "niah");
        string[] args = ["bench", "--dataset", "niah", "--lengths", "1k,2k", "--limit", "2", "--pipelines", "full-context,retrieve-then-reason,extractive",
            "--out", output, "--data-dir", data, "--endpoint", _server!.ApiBase.ToString(), "--context-length", "4096", "--no-cache", "--concurrency", "2"];

        var (code, stdout, stderr) = await CliRun.RunAsync(args);
        Assert.True(code == 0, stderr);
        Assert.Contains("12/12 runs", stderr);
        foreach (var file in new[] { ReportWriter.ResultsFile, ReportWriter.SummaryFile, ReportWriter.ReportFile, ResultPlots.ScoreVsLength, ResultPlots.ScoreVsPromptTokens, ResultPlots.LatencyByPipeline })
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        Assert.Contains(Path.Combine(output, ReportWriter.ReportFile), stdout);

        var rows = ResultsJournal.Read(Path.Combine(output, ReportWriter.ResultsFile));
        Assert.Equal(12, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
        // The perfect reader sees the needle in the full context, so the baseline scores 1 on every case.
        Assert.All(rows.Where(r => r.Pipeline == "full-context"), r => Assert.Equal(1.0, r.Score));
        Assert.Equal(_model!.Calls, rows.Sum(r => r.ModelCalls));
        Assert.False(Directory.Exists(Path.Combine(output, ".indexes")), "scratch indexes are removed");

        int calls = _model.Calls;
        var (again, _, stderr2) = await CliRun.RunAsync(args);
        Assert.True(again == 0, stderr2);
        Assert.Contains("ran 0 (0 failed), resumed 12", stderr2);
        Assert.Equal(calls, _model.Calls);
        Assert.Equal(12, File.ReadAllLines(Path.Combine(output, ReportWriter.ResultsFile)).Length);
    }

    [Theory]
    [InlineData("--pipelines", "nonsense", "--pipelines")]
    [InlineData("--dataset", "leval:nope", "leval:nope")]
    [InlineData("--lengths", "huge", "--lengths")]
    [InlineData("--length-definition", "words", "--length-definition")]
    public async Task Bad_flags_are_one_line_user_errors(string flag, string value, string expected)
    {
        var data = SharedData.RequireDirectory("data");
        var args = new List<string> { "bench", "--dataset", "niah", "--out", Path.Combine(_folder.FullName, "bad"), "--data-dir", data, "--pipelines", "extractive" };
        int at = args.IndexOf(flag);
        if (at >= 0) args[at + 1] = value; else args.AddRange([flag, value]);
        var (code, _, stderr) = await CliRun.RunAsync([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }
}

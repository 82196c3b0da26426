using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentFramework.IntegrationTests.Serving;

/// <summary>
/// The three model samples, built by this project and run as a user runs them (<c>dotnet samples/X/bin/…/X.dll</c>),
/// against a real <c>agentfw serve --model &lt;tiny Llama&gt; --context-length 2048</c>: each exits 0 with output and no
/// crash, takes its window from the server, and the server answered every request without one over its window
/// (its own count, from <c>/v1/status</c>). RagVsLongContext is also run with a wrong key, where every case fails: its
/// table must say <c>failed</c> with the reason, never a 0.000 score.
/// </summary>
public sealed partial class SamplesAgainstServeTests
{
    private const string Key = "samples-test-key";

    [Fact]
    public async Task SummarizeBook_LongFormWriting_and_RagVsLongContext_run_against_serve_within_its_window()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = SharedData.TinyLlama;
        using var server = await AgentFwServeProcess.StartAsync(ct, "--model", model, "--context-length", "2048", "--api-key", Key);
        var endpoint = new Uri(server.BaseAddress, "/v1").ToString();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using (var models = JsonDocument.Parse(await http.GetStringAsync("/v1/models", ct)))
            Assert.Equal(2048, models.RootElement.GetProperty("data")[0].GetProperty("max_model_len").GetInt32());

        var folder = Directory.CreateTempSubdirectory("agentfw-samples-serve-");
        try
        {
            var environment = new Dictionary<string, string> { ["AGENTFW_ENDPOINT"] = endpoint, ["AGENTFW_API_KEY"] = Key, ["TMPDIR"] = folder.FullName, ["XDG_DATA_HOME"] = Path.Combine(folder.FullName, "data") };
            var moby = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "samples", "data", "moby-dick.txt"), ct);
            var book = Path.Combine(folder.FullName, "book.txt");
            await File.WriteAllTextAsync(book, moby[..6_000], ct);

            // SummarizeBook: chain-of-agents over the endpoint, with the window the server states.
            var summary = await RunSampleAsync("SummarizeBook", [book, "60"], environment, folder.FullName, ct);
            AssertRan("SummarizeBook", summary);
            Assert.Contains("stated context of 2048 tokens", summary.Stderr);
            var printed = summary.Stdout.ReplaceLineEndings("\n");
            Assert.StartsWith($"Summary of {book} (chain-of-agents, 60 words):\n\n", printed);
            int sources = printed.IndexOf("\nSources:", StringComparison.Ordinal);
            Assert.True(sources > 0, $"SummarizeBook printed no Sources section: {printed}");
            Assert.False(string.IsNullOrWhiteSpace(printed[printed.IndexOf("\n\n", StringComparison.Ordinal)..sources]), "SummarizeBook printed an empty summary");
            Assert.Matches(@"\n[1-9]\d* model calls, \d+/\d+ tokens in/out", summary.Stdout);

            // LongFormWriting: plan-then-write to 300 words; the Markdown file is written.
            var markdown = Path.Combine(folder.FullName, "whaling.md");
            var longform = await RunSampleAsync("LongFormWriting", [endpoint, "A short history of whaling", "300", markdown], environment, folder.FullName, ct);
            AssertRan("LongFormWriting", longform);
            Assert.Contains("stated context of 2048 tokens", longform.Stderr);
            Assert.Matches(@"\d+ of 300 words, S_l = ", longform.Stdout);
            Assert.False(string.IsNullOrWhiteSpace(await File.ReadAllTextAsync(markdown, ct)), "LongFormWriting wrote an empty document");

            // RagVsLongContext: one 4k and one 16k needle case per pipeline; a row is a score or says why it failed.
            var compared = await RunSampleAsync("RagVsLongContext", [Path.Combine(folder.FullName, "rag"), "1"], environment, folder.FullName, ct);
            AssertRan("RagVsLongContext", compared);
            var rows = Rows(compared.Stdout);
            Assert.Equal(["full-context", "retrieve-then-reason", "chain-of-agents"], rows.Select(r => r.Pipeline));
            foreach (var row in rows) AssertRowHonest(row);

            // The server's own count: every request answered, none refused, none over the window.
            using var status = JsonDocument.Parse(await http.GetStringAsync("/v1/status", ct));
            var chat = status.RootElement.GetProperty("chat");
            Assert.True(chat.GetProperty("answered").GetInt64() > 0, chat.ToString());
            Assert.True(chat.GetProperty("refused").GetInt64() == 0, $"the server refused requests: {chat}");
            Assert.True(chat.GetProperty("largest_prompt_plus_max_tokens").GetInt64() <= 2048, $"a request went over the 2048-token window: {chat}");
            // The counter sees an over-window request: one asking for more output than the window holds is refused and counted.
            using (var over = await http.PostAsync("/v1/chat/completions", RunningServer.Json(new { model = "any", messages = new[] { new { role = "user", content = "Hello" } }, max_tokens = 4000 }), ct))
                Assert.Equal(System.Net.HttpStatusCode.BadRequest, over.StatusCode);
            using (var after = JsonDocument.Parse(await http.GetStringAsync("/v1/status", ct)))
                Assert.Equal(1, after.RootElement.GetProperty("chat").GetProperty("refused").GetInt64());

            // Every case failing (a wrong key): the table says failed with the reason and the sample exits 1.
            var failing = new Dictionary<string, string>(environment) { ["AGENTFW_API_KEY"] = "not-the-key" };
            var failed = await RunSampleAsync("RagVsLongContext", [Path.Combine(folder.FullName, "rag-failing"), "1"], failing, folder.FullName, ct);
            Assert.True(failed.ExitCode == 1, $"RagVsLongContext with every case failing: exit {failed.ExitCode}\n{failed.Stdout}\n{failed.Stderr}");
            AssertNoCrash("RagVsLongContext (failing)", failed);
            var failedRows = Rows(failed.Stdout);
            Assert.Equal(3, failedRows.Count);
            foreach (var row in failedRows)
            {
                Assert.Equal("failed", row.Score);
                Assert.Matches(@"^2 of 2 \(.*\S.*\)$", row.Failed);
                AssertRowHonest(row);
            }
            Assert.DoesNotContain("0.000", failed.Stdout);
            Assert.Contains("no comparison with full-context: it failed every case", failed.Stdout);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed record Row(string Pipeline, string Score, string Failed);

    // "pipeline  score  prompt tokens  calls  mean s  failed", one row per pipeline until the comparison lines.
    private static List<Row> Rows(string stdout) =>
        stdout.ReplaceLineEndings("\n").Split('\n').SkipWhile(l => !l.StartsWith("pipeline ", StringComparison.Ordinal)).Skip(1)
            .Select(l => RowPattern().Match(l)).TakeWhile(m => m.Success)
            .Select(m => new Row(m.Groups["pipeline"].Value, m.Groups["score"].Value, m.Groups["failed"].Value)).ToList();

    /// <summary>A scored row has no unexplained failures; a failed count names its reason; a row with no scored case shows no score.</summary>
    private static void AssertRowHonest(Row row)
    {
        if (row.Failed != "0") Assert.Matches(@"^\d+ of \d+ \(.*\S.*\)$", row.Failed);
        var failedCases = row.Failed == "0" ? 0 : int.Parse(row.Failed.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var cases = row.Failed == "0" ? 0 : int.Parse(row.Failed.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        if (failedCases > 0 && failedCases == cases) Assert.Equal("failed", row.Score);
        else Assert.Matches(@"^\d+\.\d{3}$", row.Score);
    }

    private sealed record SampleRun(int ExitCode, string Stdout, string Stderr);

    private static void AssertRan(string sample, SampleRun run)
    {
        Assert.True(run.ExitCode == 0, $"{sample}: exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        Assert.False(string.IsNullOrWhiteSpace(run.Stdout), $"{sample} printed nothing");
        AssertNoCrash(sample, run);
    }

    private static void AssertNoCrash(string sample, SampleRun run)
    {
        Assert.False(run.Stderr.Contains("Unhandled exception", StringComparison.Ordinal) || run.Stdout.Contains("Unhandled exception", StringComparison.Ordinal)
            || StackFrame().IsMatch(run.Stderr), $"{sample} printed a crash:\n{run.Stdout}\n{run.Stderr}");
    }

    /// <summary><c>dotnet samples/NAME/bin/CONFIG/TFM/NAME.dll ARGS</c>, built by this project's reference to the sample.</summary>
    private static async Task<SampleRun> RunSampleAsync(string name, string[] args, IReadOnlyDictionary<string, string> environment, string workingDirectory, CancellationToken ct)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(RepositoryRoot, "samples", name, "bin", output.Parent!.Name, output.Name, name + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project builds the samples through its ProjectReference");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var variable in new[] { "AGENTFW_MODEL", "AGENTFW_ENDPOINT", "AGENTFW_MODEL_ID", "AGENTFW_API_KEY", "AGENTFW_CACHE", "AGENTFW_CONTEXT_LENGTH" })
            start.Environment.Remove(variable);
        foreach (var (variable, value) in environment) start.Environment[variable] = value;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new SampleRun(process.ExitCode, await stdout, await stderr);
    }

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (AgentFramework.sln) was not found above the test binaries");
    }

    [GeneratedRegex(@"^\s+at [\w.<>`+]+[.(]", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"^(?<pipeline>[a-z-]+)\s+(?<score>failed|\d+\.\d+)\s+(?:–|\d+)\s+(?:–|\d+)\s+(?:–|\d+\.\d+)\s+(?<failed>\d.*)$")]
    private static partial Regex RowPattern();
}

using System.Text.Json;
using AgentFramework.IntegrationTests.Serving;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Agents;

/// <summary>
/// <c>agentfw ask</c> and <c>summarize</c> end to end: CLI → pipeline → model middleware (usage, SQLite call cache,
/// retry) → OpenAI client → a real loopback HTTP server (whose model is scripted; the tiny-ONNX tests cover real models).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CliReadingTests : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("agentfw-cli-reading");
    private RunningServer? _server;
    private ScriptedChatModel? _model;

    private List<string> Prompts { get; } = [];

    private string Book => Path.Combine(_folder.FullName, "book.txt");

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(Book, string.Join("\n\n", Enumerable.Range(1, 80).Select(p =>
            $"Chapter {p}. The crew of the Pequod counted {p * 7} barrels of whale oil while Ahab paced the deck and watched the sea for the white whale.")));
        _model = new ScriptedChatModel((messages, _) =>
        {
            lock (Prompts) Prompts.Add(messages[^1].Text);
            return Task.FromResult(messages[^1].Text.Contains("Notes from the workers") ? "They counted barrels [C2]." : "Barrels were counted [C1].");
        });
        _server = await RunningServer.StartAsync(_model);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _folder.Delete(true);
    }

    private string[] Args(params string[] extra) =>
        [.. extra, "--endpoint", _server!.ApiBase.ToString(), "--context-length", "1024", "--cache", Path.Combine(_folder.FullName, "cache.db"), "--json"];

    [Fact]
    public async Task Chain_of_agents_makes_n_worker_calls_and_one_manager_call_and_a_rerun_replays_them_from_the_cache()
    {
        var tracePath = Path.Combine(_folder.FullName, "trace.json");
        var (code, stdout, stderr) = await CliRun.RunAsync(Args("ask", Book, "--question", "How many barrels?", "--pipeline", "chain-of-agents", "--trace", tracePath));

        Assert.True(code == 0, stderr);
        using var first = JsonDocument.Parse(stdout);
        var trace = first.RootElement.GetProperty("trace");
        int workers = trace.GetProperty("stages").GetProperty("chain-of-agents/worker").GetProperty("calls").GetInt32();
        Assert.True(workers >= 3, $"a multi-chunk document, got {workers} workers");
        Assert.Equal(1, trace.GetProperty("stages").GetProperty("chain-of-agents/manager").GetProperty("calls").GetInt32());
        Assert.Equal(workers + 1, trace.GetProperty("calls").GetInt32());
        Assert.Equal(0, trace.GetProperty("cached_calls").GetInt32());
        Assert.Equal(workers + 1, _model!.Calls);
        Assert.Equal("They counted barrels [C2].", first.RootElement.GetProperty("text").GetString());
        var text = await File.ReadAllTextAsync(Book, TestContext.Current.CancellationToken);
        foreach (var citation in first.RootElement.GetProperty("citations").EnumerateArray())
            Assert.Equal(text[citation.GetProperty("start").GetInt32()..citation.GetProperty("end").GetInt32()], citation.GetProperty("quote").GetString());
        using (var full = JsonDocument.Parse(await File.ReadAllTextAsync(tracePath, TestContext.Current.CancellationToken)))
        {
            Assert.Equal(workers + 1, full.RootElement.GetProperty("call_records").GetArrayLength());
            Assert.Contains(full.RootElement.GetProperty("artifacts").EnumerateArray(), a => a.GetProperty("stage").GetString() == "chain-of-agents/worker");
        }
        Assert.Contains($"{workers + 1} calls (0 cached)", stderr);

        // Re-running the same command replays every call from the cache: the server sees no new request.
        var (again, stdout2, stderr2) = await CliRun.RunAsync(Args("ask", Book, "--question", "How many barrels?", "--pipeline", "chain-of-agents"));
        Assert.True(again == 0, stderr2);
        using var second = JsonDocument.Parse(stdout2);
        Assert.Equal(workers + 1, second.RootElement.GetProperty("trace").GetProperty("cached_calls").GetInt32());
        Assert.Contains(second.RootElement.GetProperty("trace").GetProperty("notices").EnumerateArray(), n => n.GetProperty("code").GetString() == "cached_replay");
        Assert.Contains($"warning: {workers + 1} of {workers + 1} model calls were replayed from the call cache", stderr2);
        Assert.DoesNotContain("warning:", stderr);
        Assert.Equal(workers + 1, _model.Calls);
        Assert.Equal(first.RootElement.GetProperty("text").GetString(), second.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Full_context_summarize_makes_one_call_and_records_the_truncation()
    {
        var (code, stdout, stderr) = await CliRun.RunAsync(Args("summarize", Book, "--pipeline", "full-context", "--words", "50"));

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var trace = json.RootElement.GetProperty("trace");
        Assert.Equal(1, trace.GetProperty("calls").GetInt32());
        long dropped = trace.GetProperty("counters").GetProperty("truncated_tokens").GetInt64();
        Assert.True(dropped > 0);
        // The cut is said, once, in --json and on stderr: nothing degrades silently.
        var notice = Assert.Single(trace.GetProperty("notices").EnumerateArray());
        Assert.Equal("context_truncated", notice.GetProperty("code").GetString());
        Assert.Contains($"dropped {dropped} from the middle", notice.GetProperty("message").GetString());
        Assert.Single(stderr.Split('\n'), line => line.StartsWith("warning: full-context:", StringComparison.Ordinal) && line.Contains($"dropped {dropped}"));
    }

    [Fact]
    public async Task A_prompts_folder_replaces_the_embedded_prompt()
    {
        var overrides = Directory.CreateDirectory(Path.Combine(_folder.FullName, "prompts", "FullContext", "Summarize"));
        await File.WriteAllTextAsync(Path.Combine(overrides.FullName, "skprompt.txt"),
            "<message role=\"user\">CUSTOM SUMMARY PROMPT ({{$answer_words}} words): {{$document}}</message>", TestContext.Current.CancellationToken);

        var (code, _, stderr) = await CliRun.RunAsync(Args("summarize", Book, "--pipeline", "full-context", "--words", "40", "--no-cache",
            "--prompts", Path.Combine(_folder.FullName, "prompts")));

        Assert.True(code == 0, stderr);
        var prompt = Assert.Single(Prompts);
        Assert.StartsWith("CUSTOM SUMMARY PROMPT (40 words): Chapter 1. The crew", prompt);
    }

    [Fact]
    public async Task Without_a_model_summarize_is_extractive_and_says_so()
    {
        var (code, stdout, stderr) = await CliRun.RunAsync("summarize", Book, "--words", "60", "--json");

        Assert.True(code == 0, stderr);
        Assert.Contains("extractive", stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("extractive", json.RootElement.GetProperty("pipeline").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("trace").GetProperty("calls").GetInt32());
        Assert.NotEmpty(json.RootElement.GetProperty("citations").EnumerateArray());
    }

    [Fact]
    public async Task Ask_with_several_questions_answers_each_in_one_run()
    {
        var (code, stdout, stderr) = await CliRun.RunAsync("ask", Book, "-q", "Who is the captain?", "-q", "What did the crew count?",
            "--pipeline", "extractive", "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var answers = json.RootElement.GetProperty("answers").EnumerateArray().ToList();
        Assert.Equal(["Who is the captain?", "What did the crew count?"], answers.Select(a => a.GetProperty("question").GetString()));
        Assert.All(answers, a => Assert.Equal("extractive", a.GetProperty("answer").GetProperty("pipeline").GetString()));
        Assert.All(answers, a => Assert.True(a.GetProperty("answer").GetProperty("trace").TryGetProperty("cached_prompt_tokens", out _)));
        Assert.Contains("2 questions", stderr);

        var (traceCode, _, traceError) = await CliRun.RunAsync("ask", Book, "-q", "A?", "-q", "B?", "--pipeline", "extractive",
            "--trace", Path.Combine(_folder.FullName, "t.json"));
        Assert.Equal(2, traceCode);
        Assert.Contains("--trace", traceError);
    }

    [Fact]
    public async Task A_model_pipeline_without_a_model_is_a_one_line_user_error()
    {
        var (code, _, stderr) = await CliRun.RunAsync("ask", Book, "--question", "Why?", "--pipeline", "retrieve-then-reason");
        Assert.Equal(2, code);
        Assert.Contains("needs a model", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }
}

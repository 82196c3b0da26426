using System.Text.Json;
using System.Text.RegularExpressions;
using AgentFramework.IntegrationTests.Serving;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Stores;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Agents;

/// <summary>
/// <c>agentfw ask --store</c> over an index built by <c>agentfw ingest</c>, and the budget flags of ask/summarize, end
/// to end: CLI → pipeline → OpenAI client → a real loopback HTTP server whose model is scripted. The scripted extractor
/// copies the first line of the text it is shown, so its passages really are in the chunk and get grounded.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class CliStoreAndBudgetTests : IAsyncLifetime
{
    private const string Question = "How many barrels did the crew count?";
    private const string ExtractStage = "retrieve-then-reason/extract";
    private const string ReasonStage = "retrieve-then-reason/reason";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("agentfw-cli-store");
    private RunningServer? _server;
    private ScriptedChatModel? _model;

    private string Book => Path.Combine(_folder.FullName, "book.txt");

    private string Store => Path.Combine(_folder.FullName, "book.db");

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(Book, string.Join("\n\n", Enumerable.Range(1, 80).Select(p =>
            $"Chapter {p}. The crew of the Pequod counted {p * 7} barrels of whale oil while Ahab paced the deck and watched the sea for the white whale.")));
        _model = new ScriptedChatModel((messages, _) =>
        {
            var prompt = messages[^1].Text;
            var shown = ShownText().Match(prompt);
            return Task.FromResult(shown.Success
                ? shown.Groups["text"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0]
                : prompt.Contains("Evidence:") ? "They counted barrels [P1]." : "The crew counted barrels [C1].");
        });
        _server = await RunningServer.StartAsync(_model);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _folder.Delete(true);
    }

    [GeneratedRegex(@"Text R\d+:\n(?<text>[\s\S]*?)\n\nQuestion: ")]
    private static partial Regex ShownText();

    private string[] Args(params string[] extra) =>
        [.. extra, "--endpoint", _server!.ApiBase.ToString(), "--context-length", "1024", "--no-cache", "--json"];

    private static JsonElement Stages(JsonDocument json) => json.RootElement.GetProperty("trace").GetProperty("stages");

    private static int CallsIn(JsonDocument json, string stage) =>
        Stages(json).TryGetProperty(stage, out var s) ? s.GetProperty("calls").GetInt32() : 0;

    private static IReadOnlyDictionary<string, long> Counters(JsonDocument json) =>
        json.RootElement.GetProperty("trace").GetProperty("counters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    private static async Task<(IndexStats Stats, IReadOnlyList<IndexedDocument> Documents)> ReadStoreAsync(string store)
    {
        await using var index = await ChunkIndexProviders.Default.OpenAsync(store, new ChunkIndexOpenOptions { CreateIfMissing = false });
        return (await index.GetStatsAsync(), await index.ListDocumentsAsync());
    }

    [Fact]
    public async Task Ask_with_store_searches_the_ingested_index_making_k_extracts_and_one_reason_without_indexing()
    {
        var (ingested, _, ingestErr) = await CliRun.RunAsync("ingest", Book, "--store", Store, "--max-tokens", "48", "--overlap", "0");
        Assert.True(ingested == 0, ingestErr);
        var before = await ReadStoreAsync(Store);
        Assert.True(before.Stats.Chunks > 10, $"a multi-chunk store, got {before.Stats.Chunks} chunks");

        // Without --store the pipeline indexes the book for this run: the counter that says so is there.
        var (code, stdout, stderr) = await CliRun.RunAsync(Args("ask", Book, "--question", Question, "--pipeline", "retrieve-then-reason"));
        Assert.True(code == 0, stderr);
        using (var ephemeral = JsonDocument.Parse(stdout))
            Assert.True(Counters(ephemeral).GetValueOrDefault("indexed_chunks") > 0, "an ephemeral run indexes the document");

        int callsBefore = _model!.Calls;
        var tracePath = Path.Combine(_folder.FullName, "trace.json");
        (code, stdout, stderr) = await CliRun.RunAsync(Args("ask", Book, "--question", Question, "--pipeline", "retrieve-then-reason",
            "--store", Store, "--trace", tracePath));
        Assert.True(code == 0, stderr);

        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(5, CallsIn(json, ExtractStage)); // the default top-k
        Assert.Equal(1, CallsIn(json, ReasonStage));
        Assert.Equal(6, json.RootElement.GetProperty("trace").GetProperty("calls").GetInt32());
        Assert.Equal(callsBefore + 6, _model.Calls);
        Assert.False(Counters(json).ContainsKey("indexed_chunks"), "nothing is indexed when --store is given");
        Assert.Equal("They counted barrels [P1].", json.RootElement.GetProperty("text").GetString());

        // The chunks retrieved are the store's own (48-token chunks of this document), not a fresh index's.
        await using (var index = await ChunkIndexProviders.Default.OpenAsync(Store, new ChunkIndexOpenOptions { CreateIfMissing = false }, TestContext.Current.CancellationToken))
        {
            var expected = (await index.SearchAsync(new SearchQuery(Question, 5, SearchMode.Auto, before.Documents.Single().DocumentId), TestContext.Current.CancellationToken))
                .Select(h => $"[{h.Chunk.Start},{h.Chunk.End})").ToArray();
            using var full = JsonDocument.Parse(await File.ReadAllTextAsync(tracePath, TestContext.Current.CancellationToken));
            var retrieved = full.RootElement.GetProperty("artifacts").EnumerateArray()
                .Single(a => a.GetProperty("stage").GetString() == "retrieve-then-reason/retrieve").GetProperty("content").GetString()!;
            var spans = Regex.Matches(retrieved, @"\[\d+,\d+\)").Select(m => m.Value).ToArray();
            Assert.Equal(expected, spans);
        }

        // Citations are spans of the book, and the store is untouched.
        var text = await File.ReadAllTextAsync(Book, TestContext.Current.CancellationToken);
        var citations = json.RootElement.GetProperty("citations").EnumerateArray().ToArray();
        Assert.NotEmpty(citations);
        foreach (var c in citations)
            Assert.Equal(text[c.GetProperty("start").GetInt32()..c.GetProperty("end").GetInt32()], c.GetProperty("quote").GetString());
        var after = await ReadStoreAsync(Store);
        Assert.Equal(before.Stats, after.Stats);
        Assert.Equal(before.Documents, after.Documents);
    }

    [Fact]
    public async Task Stored_chunks_larger_than_a_small_window_are_cut_to_fit_and_still_cited_exactly()
    {
        var (ingested, _, ingestErr) = await CliRun.RunAsync("ingest", Book, "--store", Store, "--max-tokens", "512", "--overlap", "0");
        Assert.True(ingested == 0, ingestErr);

        string[] args = ["ask", Book, "--question", Question, "--pipeline", "retrieve-then-reason", "--store", Store, "--top-k", "2", "--max-output-tokens", "64",
            "--endpoint", _server!.ApiBase.ToString(), "--context-length", "512", "--no-cache", "--json"];
        var (code, stdout, stderr) = await CliRun.RunAsync(args);

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(2, CallsIn(json, ExtractStage));
        Assert.Equal(2, Counters(json)["truncated_chunks"]);
        Assert.Equal(1, CallsIn(json, ReasonStage));
        var text = await File.ReadAllTextAsync(Book, TestContext.Current.CancellationToken);
        var citations = json.RootElement.GetProperty("citations").EnumerateArray().ToArray();
        Assert.NotEmpty(citations);
        foreach (var c in citations)
            Assert.Equal(text[c.GetProperty("start").GetInt32()..c.GetProperty("end").GetInt32()], c.GetProperty("quote").GetString());
    }

    [Fact]
    public async Task Ask_with_a_store_that_lacks_the_document_is_a_one_line_error_naming_the_ingest_command()
    {
        var other = Path.Combine(_folder.FullName, "other.txt");
        await File.WriteAllTextAsync(other, "A different book about a lighthouse keeper who counted ships instead of barrels.", TestContext.Current.CancellationToken);
        var (ingested, _, ingestErr) = await CliRun.RunAsync("ingest", other, "--store", Store);
        Assert.True(ingested == 0, ingestErr);

        var (code, stdout, stderr) = await CliRun.RunAsync(Args("ask", Book, "--question", Question, "--pipeline", "retrieve-then-reason", "--store", Store));

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains($"agentfw ingest {Book} --store {Store}", line);
        Assert.Equal(0, _model!.Calls);

        // A file edited since it was ingested has a new content id, so it is not in the store either
        // (and --store alone picks retrieve-then-reason).
        await File.AppendAllTextAsync(other, " It was a calm night.", TestContext.Current.CancellationToken);
        (code, _, stderr) = await CliRun.RunAsync(Args("ask", other, "--question", Question, "--store", Store));
        Assert.Equal(2, code);
        Assert.Contains($"agentfw ingest {other} --store {Store}", stderr);
    }

    [Fact]
    public async Task Ask_with_a_missing_store_or_another_pipeline_is_a_user_error()
    {
        var (code, _, stderr) = await CliRun.RunAsync(Args("ask", Book, "--question", Question, "--pipeline", "retrieve-then-reason",
            "--store", Path.Combine(_folder.FullName, "none.db")));
        Assert.Equal(2, code);
        Assert.Contains("agentfw ingest", stderr);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "none.db")), "asking never creates a store");

        (code, _, stderr) = await CliRun.RunAsync(Args("ask", Book, "--question", Question, "--pipeline", "chain-of-agents", "--store", Store));
        Assert.Equal(2, code);
        Assert.Contains("--store", stderr);
        Assert.Equal(0, _model!.Calls);
    }

    [Fact]
    public async Task Top_k_sets_the_number_of_extract_calls()
    {
        var (code, stdout, stderr) = await CliRun.RunAsync(Args("ask", Book, "--question", Question, "--pipeline", "retrieve-then-reason", "--top-k", "2"));

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(2, CallsIn(json, ExtractStage));
        Assert.Equal(1, CallsIn(json, ReasonStage));
        Assert.Equal(3, _model!.Calls);
    }

    [Fact]
    public async Task Unit_tokens_reaches_chain_of_agents_plan()
    {
        var tracePath = Path.Combine(_folder.FullName, "coa.json");
        var (code, _, stderr) = await CliRun.RunAsync(Args("summarize", Book, "--pipeline", "chain-of-agents", "--words", "50",
            "--unit-tokens", "100", "--max-output-tokens", "120", "--trace", tracePath));

        Assert.True(code == 0, stderr);
        var trace = await File.ReadAllTextAsync(tracePath, TestContext.Current.CancellationToken);
        Assert.Contains("unit_tokens=100 ", trace);
    }

    [Fact]
    public async Task Max_output_tokens_reserves_the_answer_budget_in_full_context()
    {
        async Task<long> KeptTokens(params string[] extra)
        {
            var (code, stdout, stderr) = await CliRun.RunAsync(Args(["summarize", Book, "--pipeline", "full-context", "--words", "50", .. extra]));
            Assert.True(code == 0, stderr);
            using var json = JsonDocument.Parse(stdout);
            return Counters(json)["kept_tokens"];
        }

        long byDefault = await KeptTokens();
        long smallAnswer = await KeptTokens("--max-output-tokens", "100");
        long largeAnswer = await KeptTokens("--max-output-tokens", "700");
        Assert.True(smallAnswer > byDefault && byDefault > largeAnswer, $"kept tokens: {smallAnswer} (100) vs {byDefault} (default 512) vs {largeAnswer} (700)");
    }

    [Theory]
    [InlineData("ask", "--top-k", "0")]
    [InlineData("ask", "--top-k", "-3")]
    [InlineData("ask", "--unit-tokens", "0")]
    [InlineData("ask", "--max-output-tokens", "-1")]
    [InlineData("summarize", "--unit-tokens", "-5")]
    [InlineData("summarize", "--max-output-tokens", "0")]
    [InlineData("ask", "--top-k", "many")]
    public async Task A_budget_flag_that_is_not_a_positive_number_is_a_one_line_error_naming_it(string command, string flag, string value)
    {
        string[] args = command == "ask" ? ["ask", Book, "--question", Question, flag, value] : ["summarize", Book, flag, value];
        var (code, stdout, stderr) = await CliRun.RunAsync(Args(args));

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains(flag, line);
        Assert.Equal(0, _model!.Calls);
    }

    [Fact]
    public async Task A_budget_flag_for_another_pipeline_is_an_error_rather_than_ignored()
    {
        var (code, _, stderr) = await CliRun.RunAsync(Args("ask", Book, "--question", Question, "--pipeline", "chain-of-agents", "--top-k", "3"));
        Assert.Equal(2, code);
        Assert.Contains("--top-k", stderr);

        (code, _, stderr) = await CliRun.RunAsync(Args("summarize", Book, "--pipeline", "full-context", "--unit-tokens", "64"));
        Assert.Equal(2, code);
        Assert.Contains("--unit-tokens", stderr);
        Assert.Equal(0, _model!.Calls);
    }

    [Theory]
    [InlineData("ask", new[] { "--store", "--embedding-model", "--top-k", "--unit-tokens", "--max-output-tokens" })]
    [InlineData("summarize", new[] { "--unit-tokens", "--max-output-tokens" })]
    public async Task Help_lists_the_flags(string command, string[] flags)
    {
        var (code, stdout, _) = await CliRun.RunAsync(command, "--help");
        Assert.Equal(0, code);
        foreach (var flag in flags) Assert.Contains(flag, stdout);
    }
}

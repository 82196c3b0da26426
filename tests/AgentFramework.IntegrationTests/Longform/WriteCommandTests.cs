using System.Text.Json;
using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.IntegrationTests.Infrastructure;

namespace AgentFramework.IntegrationTests.Longform;

/// <summary><c>agentfw write</c> end to end: the real executable, the real ONNX runtime on the tiny Llama, the real call cache.</summary>
public sealed class WriteCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentfw-write-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Without_a_model_write_says_it_needs_one_and_exits_2()
    {
        var outcome = await AgentFwProcess.RunAsync(_folder, ["write", "An essay on whales", "--words", "1000"], TestContext.Current.CancellationToken);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("needs a model", outcome.StandardError);
        Assert.Contains("--model", outcome.StandardError);
        Assert.Contains("--endpoint", outcome.StandardError);
        Assert.Equal("", outcome.StandardOutput);
    }

    [Theory]
    [InlineData("--words", "0", "--words 0 is out of range")]
    [InlineData("--instruction-file", "missing.txt", "--instruction-file 'missing.txt' does not exist")]
    public async Task Bad_input_is_one_line_and_exit_2(string option, string value, string message)
    {
        string[] args = option == "--words" ? ["write", "An essay", "--words", value] : ["write", option, value, "--words", "100"];
        var outcome = await AgentFwProcess.RunAsync(_folder, args, TestContext.Current.CancellationToken);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(message, outcome.StandardError);
        Assert.Single(outcome.StandardError.Trim().Split('\n'));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(2000)]
    public async Task Write_ends_within_5_percent_of_the_requested_words_on_the_tiny_llama(int words)
    {
        var outcome = await AgentFwProcess.RunAsync(_folder, ["write", "A history of whaling in New England", "--words", words.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--model", SharedData.TinyLlama, "--cache", Path.Combine(_folder, $"calls-{words}.db"), "--json"], TestContext.Current.CancellationToken);
        Assert.True(outcome.ExitCode == 0, outcome.StandardError);
        var json = JsonDocument.Parse(outcome.StandardOutput).RootElement;
        Assert.InRange(json.GetProperty("document_words").GetInt32(), (int)Math.Floor(words * 0.95), (int)Math.Ceiling(words * 1.05));
    }

    [Fact]
    public async Task Write_10000_words_on_the_tiny_llama_completes_with_every_sections_counts()
    {
        var model = SharedData.TinyLlama;
        var ct = TestContext.Current.CancellationToken;
        var outFile = Path.Combine(_folder, "essay.md");
        var outcome = await AgentFwProcess.RunAsync(_folder, ["write", "A history of whaling in New England", "--words", "10000",
            "--model", model, "--cache", Path.Combine(_folder, "calls.db"), "--out", outFile, "--json", "--trace", Path.Combine(_folder, "trace.json")], ct);
        Assert.True(outcome.ExitCode == 0, outcome.StandardError);
        var json = JsonDocument.Parse(outcome.StandardOutput).RootElement;
        var sections = json.GetProperty("sections").EnumerateArray().ToList();

        // The plan adds up to the request (within 5%), and every section reports its target, its words and its rounds.
        int targets = sections.Sum(s => s.GetProperty("target_words").GetInt32());
        Assert.InRange(targets, 9500, 10500);
        Assert.All(sections, s =>
        {
            var rounds = s.GetProperty("rounds").EnumerateArray().ToList();
            // write + at most 3 continuations + 1 shortening, then the whole-document length control's continuations and trims
            Assert.InRange(rounds.Count(r => r.GetProperty("kind").GetString() != "trim"), 1, 1 + 3 + 1 + new PlanThenWriteOptions().MaxLengthRounds);
            Assert.Equal("write", rounds[0].GetProperty("kind").GetString());
            Assert.Equal(s.GetProperty("words").GetInt32(), rounds[^1].GetProperty("words_after").GetInt32());
            Assert.All(rounds.Where(r => r.GetProperty("kind").GetString() != "trim"), r => Assert.InRange(r.GetProperty("output_token_limit").GetInt32(), 1, 2048));
            // A section under 80% that stopped early did so because its last round added nothing.
            int words = s.GetProperty("words").GetInt32(), target = s.GetProperty("target_words").GetInt32();
            if (words < 0.8 * target && rounds.Count < 4) Assert.False(rounds[^1].GetProperty("accepted").GetBoolean());
            Assert.All(rounds.Where(r => r.GetProperty("kind").GetString() == "trim"), r => Assert.Equal(0, r.GetProperty("output_token_limit").GetInt32()));
        });
        // The document the reader gets, counted LongBench-Write's way, is within 5% of the request; it starts with a
        // title and the plan as an outline; the sections alone are what written_words counts.
        var markdown = await File.ReadAllTextAsync(outFile, ct);
        int documentWords = json.GetProperty("document_words").GetInt32();
        Assert.Equal(WordCounter.Count(markdown), documentWords);
        Assert.InRange(documentWords, 9500, 10500);
        Assert.StartsWith("# A history of whaling in New England\n\n1. ", markdown);
        Assert.Equal(sections.Sum(s => s.GetProperty("words").GetInt32()), json.GetProperty("written_words").GetInt32());
        Assert.Equal(Math.Round(LengthScore.Compute(10000, documentWords), 2), json.GetProperty("length_score").GetDouble(), 2);
        Assert.Contains("S_l =", outcome.StandardError);
        // Every round is in the trace file too, one artefact each, and the calls by stage add up.
        var trace = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "trace.json"), ct)).RootElement;
        int rounds = sections.Sum(s => s.GetProperty("rounds").GetArrayLength());
        Assert.Equal(rounds, trace.GetProperty("artifacts").EnumerateArray().Count(a => a.GetProperty("stage").GetString() == "plan-then-write/round"));
        int trims = sections.Sum(s => s.GetProperty("rounds").EnumerateArray().Count(r => r.GetProperty("kind").GetString() == "trim"));
        Assert.Equal(1 + rounds - trims, trace.GetProperty("call_records").GetArrayLength()); // a trim calls no model
        Assert.Contains($"write: {sections.Count}/{sections.Count} sections", outcome.StandardError);
    }

    [Fact]
    public async Task An_interrupted_write_resumes_from_the_call_cache_and_finishes_the_same_document()
    {
        var model = SharedData.TinyLlama;
        var ct = TestContext.Current.CancellationToken;
        string[] Args(string cache, string output) =>
            ["write", "Notes on the sea", "--words", "3000", "--model", model, "--cache", cache, "--out", output, "--json"];

        // The reference: one uninterrupted run with its own cache.
        var reference = await AgentFwProcess.RunAsync(_folder, Args(Path.Combine(_folder, "reference.db"), Path.Combine(_folder, "reference.md")), ct);
        Assert.True(reference.ExitCode == 0, reference.StandardError);

        // Interrupt a second run once it has finished its first section, then run it again on the same cache.
        var cache = Path.Combine(_folder, "calls.db");
        var output = Path.Combine(_folder, "resumed.md");
        using (var process = AgentFwProcess.Start(_folder, Args(cache, output)))
        {
            _ = process.StandardOutput.ReadToEndAsync(ct);
            string? line;
            while ((line = await process.StandardError.ReadLineAsync(ct)) is not null && !line.Contains("(done)")) { }
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(ct);
        }
        Assert.False(File.Exists(output), "an interrupted write must not leave a document behind");

        var resumed = await AgentFwProcess.RunAsync(_folder, Args(cache, output), ct);
        Assert.True(resumed.ExitCode == 0, resumed.StandardError);
        var json = JsonDocument.Parse(resumed.StandardOutput).RootElement;
        Assert.True(json.GetProperty("cached_calls").GetInt32() >= 2, "the plan and the first section's calls are replayed");
        Assert.True(json.GetProperty("cached_calls").GetInt32() < json.GetProperty("calls").GetInt32(), "the rest is generated");
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(_folder, "reference.md"), ct), await File.ReadAllTextAsync(output, ct));
    }
}

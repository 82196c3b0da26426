using System.Text.Json;
using AgentFramework.IntegrationTests.Infrastructure;

namespace AgentFramework.IntegrationTests.Longform;

/// <summary>Grounded writing and memory-stream reading through the real agentfw executable on the tiny Llama.</summary>
public sealed class LongformCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentfw-longform-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string SampleText(string name, int characters)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln")))
                return File.ReadAllText(Path.Combine(dir.FullName, "samples", "data", name))[..characters];
        throw new DirectoryNotFoundException("samples/data beside AgentFramework.sln");
    }

    [Fact]
    public async Task Grounded_write_cites_spans_of_the_grounding_document()
    {
        var model = SharedData.TinyLlama;
        var ct = TestContext.Current.CancellationToken;
        var source = Path.Combine(_folder, "dictionary.txt");
        await File.WriteAllTextAsync(source, SampleText("devils-dictionary.txt", 6000), ct);
        var outFile = Path.Combine(_folder, "grounded.md");
        var outcome = await AgentFwProcess.RunAsync(_folder, ["write", "Definitions in the style of Bierce", "--words", "800",
            "--grounding", source, "--model", model, "--cache", Path.Combine(_folder, "calls.db"), "--out", outFile, "--json"], ct);
        Assert.True(outcome.ExitCode == 0, outcome.StandardError);
        var json = JsonDocument.Parse(outcome.StandardOutput).RootElement;
        Assert.All(json.GetProperty("sections").EnumerateArray(), s => Assert.True(s.GetProperty("citations").GetInt32() > 0));
        var markdown = await File.ReadAllTextAsync(outFile, ct);
        Assert.Contains("## Sources", markdown);
        Assert.Contains("dictionary.txt, characters ", markdown);
    }

    [Fact]
    public async Task Ask_with_memory_stream_reads_once_then_answers_from_memory()
    {
        var model = SharedData.TinyLlama;
        var ct = TestContext.Current.CancellationToken;
        var book = Path.Combine(_folder, "moby.txt");
        await File.WriteAllTextAsync(book, SampleText("moby-dick.txt", 8000), ct);
        // The memory database lives beside the call cache in the agentfw data folder; keep it inside the test's folder.
        var environment = new Dictionary<string, string> { ["XDG_DATA_HOME"] = Path.Combine(_folder, "data") };

        async Task<JsonElement> AskAsync(string question, string trace)
        {
            var outcome = await AgentFwProcess.RunAsync(_folder, ["ask", book, "--question", question, "--pipeline", "memory-stream",
                "--model", model, "--no-cache", "--trace", Path.Combine(_folder, trace)], ct, environment: environment);
            Assert.True(outcome.ExitCode == 0, outcome.StandardError);
            return JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, trace), ct)).RootElement;
        }

        var first = await AskAsync("Who is the narrator?", "first.json");
        var firstStages = first.GetProperty("summary").GetProperty("stages");
        Assert.True(firstStages.GetProperty("memory-stream/observe").GetProperty("calls").GetInt32() >= 2);

        var second = await AskAsync("Where does he go?", "second.json");
        var stages = second.GetProperty("summary").GetProperty("stages").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["memory-stream/answer"], stages);
        Assert.Equal(1, second.GetProperty("summary").GetProperty("counters").GetProperty("memory_stream.loaded_from_store").GetInt64());
        Assert.Contains(second.GetProperty("summary").GetProperty("notices").EnumerateArray(), n => n.GetProperty("code").GetString() == "memory_reused");
    }
}

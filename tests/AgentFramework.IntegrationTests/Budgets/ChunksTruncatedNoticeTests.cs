using System.Text.Json;
using AgentFramework.IntegrationTests.Serving;

namespace AgentFramework.IntegrationTests.Budgets;

/// <summary>
/// A chunk cut to fit is never silent: stored chunks larger than the tiny Llama's window leaves room for are cut, and the
/// run says so once on stderr (<c>warning: …</c>) and as a <c>chunks_truncated</c> notice in <c>--json</c> and in
/// <c>--trace</c>, however many chunks were cut.
/// </summary>
public sealed class ChunksTruncatedNoticeTests
{
    [Fact]
    public async Task Chunks_cut_to_fit_raise_one_warning_and_the_chunks_truncated_notice_in_json_and_trace()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = SharedData.TinyLlama;
        var folder = Directory.CreateTempSubdirectory("agentfw-chunks-truncated-");
        try
        {
            var book = Path.Combine(folder.FullName, "moby.txt");
            var moby = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "samples", "data", "moby-dick.txt"), ct);
            await File.WriteAllTextAsync(book, moby.Substring(30_000, 24_000), ct);
            var store = Path.Combine(folder.FullName, "moby.db");
            // Chunks of up to 1,500 tokens: more than a 2,048-token window leaves an extraction prompt (512 by default).
            var ingest = await AgentFwServeProcess.RunAsync(ct, "ingest", book, "--store", store, "--max-tokens", "1500", "--overlap", "0");
            Assert.True(ingest.ExitCode == 0, ingest.StandardError);

            var trace = Path.Combine(folder.FullName, "trace.json");
            var outcome = await AgentFwServeProcess.RunAsync(ct, "ask", book, "-q", "What did Ishmael do at the inn?", "--pipeline", "retrieve-then-reason",
                "--store", store, "--top-k", "3", "--max-output-tokens", "32", "--model", model, "--no-cache", "--json", "--trace", trace);
            Assert.True(outcome.ExitCode == 0, outcome.StandardError);

            using var json = JsonDocument.Parse(outcome.StandardOutput);
            var summary = json.RootElement.GetProperty("trace");
            // At most one chunk (the document's tail) is short, so at least two of the three retrieved are cut.
            long truncated = summary.GetProperty("counters").GetProperty("truncated_chunks").GetInt64();
            Assert.True(truncated >= 2, $"expected several chunks cut to fit, got {truncated}");
            var notice = Assert.Single(summary.GetProperty("notices").EnumerateArray(), n => n.GetProperty("code").GetString() == "chunks_truncated");
            var message = notice.GetProperty("message").GetString()!;
            Assert.Contains($"{truncated} of 3 retrieved chunks", message);
            Assert.Contains("cut to fit", message);

            // Said once on stderr, as the notice says it, although several chunks were cut.
            var warnings = outcome.StandardError.ReplaceLineEndings("\n").Split('\n').Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).ToList();
            Assert.Equal(1, warnings.Count(w => w.Contains("cut to fit", StringComparison.Ordinal)));
            Assert.Contains($"warning: {message}", warnings);

            // And in the full trace.
            using var full = JsonDocument.Parse(await File.ReadAllTextAsync(trace, ct));
            Assert.Single(full.RootElement.GetProperty("summary").GetProperty("notices").EnumerateArray(),
                n => n.GetProperty("code").GetString() == "chunks_truncated" && n.GetProperty("message").GetString() == message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (AgentFramework.sln) was not found above the test binaries");
    }
}

using System.Diagnostics;
using System.Text.Json;
using AgentFramework.IntegrationTests.Infrastructure;
using AgentFramework.Retrieval.Stores;

namespace AgentFramework.IntegrationTests.Hardening;

/// <summary>
/// Store creation killed at every millisecond of its first 50, and two writers at once on one store and on one
/// bench --out folder: no refused store, no lost or duplicated row, SQLite integrity intact.
/// </summary>
public class ConcurrencyAndCrashTests
{
    private static string NewFolder() => Directory.CreateTempSubdirectory("agentfw-crash-").FullName;

    /// <summary>
    /// One `agentfw ingest` process per step. The clock starts when the store file appears (creation has begun, found
    /// by polling), then the process is SIGKILLed after k ms, k = 0..50. Whatever is left must open as a store
    /// (finished if it has no tables yet) and pass the integrity check. 51 process launches: about a minute.
    /// </summary>
    [Fact]
    public async Task A_store_killed_at_any_millisecond_of_its_creation_is_absent_or_valid()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = NewFolder();
        var text = Path.Combine(folder, "doc.txt");
        await File.WriteAllTextAsync(text, string.Join("\n\n", Enumerable.Range(1, 200).Select(i => $"Paragraph {i} about whales, ships and the sea.")), ct);
        int absent = 0, valid = 0, killedBeforeExit = 0;
        for (int k = 0; k <= 50; k++)
        {
            var store = Path.Combine(folder, $"store-{k}.db");
            using var process = AgentFwProcess.Start(folder, ["ingest", text, "--store", store]);
            var clock = Stopwatch.StartNew();
            while (!File.Exists(store) && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.SpinWait(200);
            var since = Stopwatch.StartNew();
            while (since.Elapsed.TotalMilliseconds < k && !process.HasExited) Thread.SpinWait(100);
            if (!process.HasExited) { process.Kill(); killedBeforeExit++; }
            await process.WaitForExitAsync(ct);

            if (!File.Exists(store)) { absent++; continue; }
            await using (var index = await SqliteChunkIndex.OpenAsync(store, cancellationToken: ct)) { } // refused = test failure
            HostileInputTests.AssertIntegrity(store);
            valid++;
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"51 kills: {killedBeforeExit} before exit; left {absent} absent, {valid} valid stores");
        Assert.Equal(51, absent + valid);
        Assert.True(killedBeforeExit > 0, "every process finished before its kill: the test did not exercise creation");
    }

    [Fact]
    public async Task Two_ingests_creating_one_store_at_once_both_succeed()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = NewFolder();
        for (int round = 0; round < 3; round++)
        {
            var store = Path.Combine(folder, $"shared-{round}.db");
            var files = new[] { "a", "b" }.Select(n =>
            {
                var path = Path.Combine(folder, $"{n}{round}.txt");
                File.WriteAllText(path, string.Join("\n\n", Enumerable.Range(1, 300).Select(i => $"Document {n} paragraph {i}: harpoons and whales {i}.")));
                return path;
            }).ToArray();
            var runs = files.Select(f => AgentFwProcess.RunAsync(folder, ["ingest", f, "--store", store], ct, limit: TimeSpan.FromMinutes(2))).ToArray();
            foreach (var run in await Task.WhenAll(runs))
                Assert.True(run.ExitCode == 0, $"round {round}: exit {run.ExitCode}: {run.StandardError}");
            await using (var index = await SqliteChunkIndex.OpenAsync(store, createIfMissing: false, cancellationToken: ct))
                Assert.Equal(2, (await index.ListDocumentsAsync(ct)).Count);
            HostileInputTests.AssertIntegrity(store);
        }
    }

    [Fact]
    public async Task Two_benches_on_one_out_folder_lose_and_duplicate_no_row()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = SharedData.RequireDirectory("data");
        var output = Path.Combine(NewFolder(), "runs");
        string[] args = ["bench", "--dataset", "niah", "--lengths", "1k,2k", "--limit", "3", "--pipelines", "extractive", "--out", output, "--data-dir", data];
        var runs = await Task.WhenAll(AgentFwProcess.RunAsync(Path.GetTempPath(), args, ct, limit: TimeSpan.FromMinutes(3)),
                                      AgentFwProcess.RunAsync(Path.GetTempPath(), args, ct, limit: TimeSpan.FromMinutes(3)));
        foreach (var run in runs) Assert.True(run.ExitCode == 0, run.StandardError);

        var lines = File.ReadAllLines(Path.Combine(output, "results.jsonl")).Where(l => l.Length > 0).ToList();
        var keys = lines.Select(l =>
        {
            using var row = JsonDocument.Parse(l); // a garbled line fails here
            var r = row.RootElement;
            return $"{r.GetProperty("dataset").GetString()}|{r.GetProperty("case_id").GetString()}|{r.GetProperty("pipeline").GetString()}";
        }).ToList();
        Assert.Equal(6, keys.Count);                 // 3 cases × 2 lengths × 1 pipeline, each once
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Contains(runs, r => r.StandardError.Contains("resumed 6"));  // the second run waited, then found all done
    }

    [Fact]
    public void A_torn_last_row_is_cut_off_when_the_journal_is_opened_again()
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, "results.jsonl");
        File.WriteAllText(path, "{\"a\":1}\n{\"b\":2}\n{\"c\":");
        using (new AgentFramework.Evaluation.Reports.ResultsJournal(path)) { }
        Assert.Equal("{\"a\":1}\n{\"b\":2}\n", File.ReadAllText(path));
    }
}

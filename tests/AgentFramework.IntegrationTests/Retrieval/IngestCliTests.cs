using System.Text.Json;
using AgentFramework.Documents;
using AgentFramework.IntegrationTests.Infrastructure;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Stores;
using Microsoft.Data.Sqlite;

namespace AgentFramework.IntegrationTests.Retrieval;

/// <summary>agentfw ingest / search / store info end to end, including an ingest killed part-way through.</summary>
public sealed class IngestCliTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("agentfw-cli-retrieval-");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<AgentFwProcess.Outcome> RunAsync(params string[] args) =>
        AgentFwProcess.RunAsync(Path.GetTempPath(), args, Ct, limit: TimeSpan.FromMinutes(3));

    private string WriteCorpus(int files, int paragraphs, string sentence)
    {
        var corpus = Directory.CreateDirectory(Path.Combine(_folder.FullName, "corpus")).FullName;
        for (int i = 0; i < files; i++)
        {
            var text = SyntheticText.Paragraphs(100 + i, paragraphs);
            if (i == 0) text = SyntheticText.Plant(text, sentence, 0.5);
            File.WriteAllText(Path.Combine(corpus, $"f{i:D2}.txt"), text);
        }
        return corpus;
    }

    [Fact]
    public async Task Ingest_search_and_info_work_end_to_end_and_hits_are_exact_spans()
    {
        const string sentence = "Seventeen orange kayaks drifted past the abandoned observatory.";
        var corpus = WriteCorpus(3, 40, sentence);
        var store = Path.Combine(_folder.FullName, "store.db");

        var ingest = await RunAsync("ingest", corpus, "--store", store, "--max-tokens", "96", "--overlap", "12");
        Assert.True(ingest.ExitCode == 0, ingest.StandardError);
        Assert.Contains("3 added", ingest.StandardOutput);
        Assert.Contains("hashing-384 (feature hashing, not a neural model)", ingest.StandardOutput);
        Assert.Matches(@"ingest: 3/3 files \(100 ?%\), .* — \d+ chunks, .* MB/s", ingest.StandardError);

        foreach (var mode in new[] { "bm25", "vector", "hybrid" })
        {
            var search = await RunAsync("search", "orange kayaks observatory", "--store", store, "--k", "4", "--mode", mode, "--json");
            Assert.True(search.ExitCode == 0, search.StandardError);
            using var json = JsonDocument.Parse(search.StandardOutput);
            var hits = json.RootElement.GetProperty("hits").EnumerateArray().ToList();
            Assert.InRange(hits.Count, 1, 4);
            Assert.Contains("orange kayaks", hits[0].GetProperty("text").GetString());
            foreach (var hit in hits)
            {
                var source = await File.ReadAllTextAsync(hit.GetProperty("document").GetString()!, Ct);
                int start = hit.GetProperty("start").GetInt32(), end = hit.GetProperty("end").GetInt32();
                Assert.Equal(source[start..end], hit.GetProperty("text").GetString());
                Assert.True(hit.TryGetProperty("score", out _));
                Assert.True(hit.TryGetProperty("section", out _));
            }
        }

        var info = await RunAsync("store", "info", store);
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("documents:  3", info.StandardOutput);
        Assert.Contains("hashing-384 (feature hashing, not a neural model), 384 dims", info.StandardOutput);

        var again = await RunAsync("ingest", corpus, "--store", store, "--max-tokens", "96", "--overlap", "12");
        Assert.Contains("0 added, 0 replaced, 3 unchanged", again.StandardOutput);
    }

    [Theory]
    [InlineData("not-a-store")]
    [InlineData("bad-mode")]
    [InlineData("missing-path")]
    [InlineData("bad-overlap")]
    [InlineData("unreachable-postgres")]
    public async Task User_mistakes_exit_2_with_one_line(string mistake)
    {
        var notes = Path.Combine(_folder.FullName, "notes.txt");
        await File.WriteAllTextAsync(notes, "plain notes", Ct);
        string[] args = mistake switch
        {
            "not-a-store" => ["search", "anything", "--store", notes],
            "bad-mode" => ["search", "anything", "--store", notes, "--mode", "fuzzy"],
            "missing-path" => ["ingest", Path.Combine(_folder.FullName, "nope.txt"), "--store", Path.Combine(_folder.FullName, "s.db")],
            "bad-overlap" => ["ingest", notes, "--store", Path.Combine(_folder.FullName, "s.db"), "--max-tokens", "64", "--overlap", "64"],
            _ => ["store", "info", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=3"],
        };
        var result = await RunAsync(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.StandardError.Trim().Split('\n'));
        Assert.Equal("plain notes", await File.ReadAllTextAsync(notes, Ct));
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "s.db")), "nothing is created when the input is wrong");
    }

    [Fact]
    public async Task An_ingest_killed_part_way_leaves_a_working_store_and_a_rerun_completes_it()
    {
        const string sentence = "The quartermaster hid eleven silver compasses inside the granary wall.";
        const int files = 12;
        var corpus = WriteCorpus(files, 1800, sentence); // about 0.8 MB per file: each document takes a while to ingest
        var store = Path.Combine(_folder.FullName, "killed.db");
        string[] ingestArgs = ["ingest", corpus, "--store", store, "--max-tokens", "64", "--overlap", "8"];

        // Watch the store from outside (WAL lets a reader in while the child writes) and SIGKILL the child as soon as
        // its first document is committed: it is then in the middle of the next one.
        long committedWhenKilled = 0;
        using (var child = AgentFwProcess.Start(Path.GetTempPath(), ingestArgs))
        {
            _ = child.StandardOutput.ReadToEndAsync(Ct);
            _ = child.StandardError.ReadToEndAsync(Ct);
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!child.HasExited && DateTime.UtcNow < deadline)
            {
                committedWhenKilled = CountDocuments(store);
                if (committedWhenKilled >= 1)
                {
                    child.Kill(entireProcessTree: true); // no cleanup and no rollback by the process itself
                    break;
                }
                await Task.Delay(10, Ct);
            }
            await child.WaitForExitAsync(Ct);
        }
        Assert.InRange(committedWhenKilled, 1, files - 1);

        // The store opens, is consistent, and answers from what was committed.
        int committed;
        await using (var index = await SqliteChunkIndex.OpenAsync(store, createIfMissing: false, cancellationToken: Ct))
        {
            var documents = await index.ListDocumentsAsync(Ct);
            committed = documents.Count;
            Assert.InRange(committed, (int)committedWhenKilled, files - 1);
            foreach (var document in documents)
                Assert.Equal(DocumentId.ForText(await File.ReadAllTextAsync(document.Name, Ct)), document.DocumentId);
            var hit = (await index.SearchAsync(new SearchQuery("Where did the quartermaster hide the silver compasses?", 3, SearchMode.Hybrid), Ct))[0];
            Assert.Contains("silver compasses", hit.Chunk.Text);
            Assert.Equal((await File.ReadAllTextAsync(hit.DocumentName, Ct))[hit.Chunk.Start..hit.Chunk.End], hit.Chunk.Text);
        }
        await using (var connection = new SqliteConnection($"Data Source={store};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM documents d WHERE d.chunk_count <> (SELECT count(*) FROM chunks c WHERE c.document_row = d.row_id)";
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync(Ct))!); // no half-written document
            command.CommandText = "INSERT INTO chunks_fts(chunks_fts) VALUES ('integrity-check')";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var rerun = await RunAsync(ingestArgs);
        Assert.True(rerun.ExitCode == 0, rerun.StandardError);
        Assert.Contains($"{files - committed} added, 0 replaced, {committed} unchanged", rerun.StandardOutput);
        await using (var index = await SqliteChunkIndex.OpenAsync(store, createIfMissing: false, cancellationToken: Ct))
            Assert.Equal(files, (await index.GetStatsAsync(Ct)).Documents);
    }

    [Fact]
    public async Task Ingest_dash_reads_standard_input_as_one_document_named_stdin()
    {
        var store = Path.Combine(_folder.FullName, "stdin.db");
        var text = SyntheticText.Plant(SyntheticText.Paragraphs(7, 6), "Nine violet herons nested on the salt barge.", 0.5);
        string[] args = ["ingest", "-", "--store", store, "--max-tokens", "96", "--overlap", "0"];

        var first = await AgentFwProcess.RunAsync(Path.GetTempPath(), args, Ct, standardInput: text, limit: TimeSpan.FromMinutes(3));
        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Contains("1 added", first.StandardOutput);
        var again = await AgentFwProcess.RunAsync(Path.GetTempPath(), args, Ct, standardInput: text, limit: TimeSpan.FromMinutes(3));
        Assert.True(again.ExitCode == 0, again.StandardError);
        Assert.Contains("0 added, 0 replaced, 1 unchanged", again.StandardOutput);

        var search = await RunAsync("search", "violet herons salt barge", "--store", store, "--k", "1", "--json");
        Assert.True(search.ExitCode == 0, search.StandardError);
        using var json = JsonDocument.Parse(search.StandardOutput);
        var hit = json.RootElement.GetProperty("hits").EnumerateArray().Single();
        Assert.Equal("stdin", hit.GetProperty("document").GetString());
        Assert.Contains("violet herons", hit.GetProperty("text").GetString());
    }

    /// <summary>Documents committed so far, read without disturbing the writer; 0 while the store does not exist yet.</summary>
    private static long CountDocuments(string store)
    {
        if (!File.Exists(store)) return 0;
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM documents";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // schema not created yet, or the file is being initialised
        }
    }

    public void Dispose() => _folder.Delete(recursive: true);
}

using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Stores;

namespace AgentFramework.Tests.Retrieval;

/// <summary>
/// Schema version 2 indexes chunks into FTS5 from the writer instead of an insert trigger (a trigger made FTS5 write a
/// segment per row). Version-1 stores stay readable and are upgraded by their first write, never indexed twice.
/// </summary>
public class SqliteStoreUpgradeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Document Lighthouse = Document.FromText(
        "The lighthouse keeper climbed the stairs at dusk.\f\nHe trimmed the wick; the lamp burned until dawn. <b>Storms</b> came in autumn.", "lighthouse.txt");

    private static readonly Document Orchard = Document.FromText(
        "Apples ripened in the orchard.\u0007 The harvest filled forty barrels, and cider was pressed in October.", "orchard.txt");

    private static IReadOnlyList<Chunk> Chunks(Document d) => new Chunker().Split(d, new ChunkingOptions { MaxTokens = 12, OverlapTokens = 2 });

    private static string NewPath() => Path.Combine(Directory.CreateTempSubdirectory("agentfw-upgrade-").FullName, "store.db");

    // What agentfw wrote before schema version 2: the same tables plus an insert trigger that indexed each chunk.
    private static void MakeVersionOne(string path) => SqliteFile.Scalar(path, """
        CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
            INSERT INTO chunks_fts(rowid, text) VALUES (new.row_id, new.text);
        END;
        UPDATE meta SET value = '1' WHERE key = 'schema_version';
        """);

    private static long Matches(string path, string word) => (long)SqliteFile.Scalar(path, $"SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH '{word}'")!;

    [Fact]
    public async Task A_new_store_is_version_2_and_indexes_every_chunk_once()
    {
        var path = NewPath();
        await using (var index = await SqliteChunkIndex.OpenAsync(path, cancellationToken: Ct))
        {
            await index.AddDocumentAsync(Lighthouse, Chunks(Lighthouse), Ct);
            await index.AddDocumentAsync(Orchard, Chunks(Orchard), Ct);
            Assert.Contains(await index.SearchAsync(new SearchQuery("barrels", Mode: SearchMode.Bm25), Ct), h => h.Chunk.Text.Contains("barrels"));
        }
        Assert.Equal("2", SqliteFile.Scalar(path, "SELECT value FROM meta WHERE key = 'schema_version'"));
        Assert.Equal(0L, SqliteFile.Scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'chunks_fts_insert'"));
        Assert.Equal((long)SqliteFile.Scalar(path, "SELECT count(*) FROM chunks")!, (long)SqliteFile.Scalar(path, "SELECT count(*) FROM chunks_fts")!);
        Assert.Equal((long)SqliteFile.Scalar(path, "SELECT count(*) FROM chunks WHERE text LIKE '%barrels%'")!, Matches(path, "barrels"));
        SqliteFile.Scalar(path, "INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('integrity-check', 1)"); // throws when FTS and chunks disagree
    }

    [Fact]
    public async Task A_version_1_store_is_read_as_it_is_and_upgraded_by_its_first_write()
    {
        var path = NewPath();
        await using (var index = await SqliteChunkIndex.OpenAsync(path, cancellationToken: Ct))
            await index.AddDocumentAsync(Lighthouse, Chunks(Lighthouse), Ct);
        MakeVersionOne(path);

        await using (var index = await SqliteChunkIndex.OpenAsync(path, createIfMissing: false, cancellationToken: Ct))
        {
            Assert.NotEmpty(await index.SearchAsync(new SearchQuery("lighthouse", Mode: SearchMode.Bm25), Ct));
            Assert.Equal("1", SqliteFile.Scalar(path, "SELECT value FROM meta WHERE key = 'schema_version'")); // reading changes nothing
            await index.AddDocumentAsync(Orchard, Chunks(Orchard), Ct);
            // Replacing a document goes through the delete trigger, which version 2 keeps.
            var changed = Document.FromText(Lighthouse.Text + " A new keeper arrived in spring.", Lighthouse.Name);
            Assert.Equal(IngestOutcome.Replaced, await index.AddDocumentAsync(changed, Chunks(changed), Ct));
        }
        Assert.Equal("2", SqliteFile.Scalar(path, "SELECT value FROM meta WHERE key = 'schema_version'"));
        Assert.Equal(0L, SqliteFile.Scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'chunks_fts_insert'"));
        Assert.Equal((long)SqliteFile.Scalar(path, "SELECT count(*) FROM chunks")!, (long)SqliteFile.Scalar(path, "SELECT count(*) FROM chunks_fts")!);
        Assert.Equal((long)SqliteFile.Scalar(path, "SELECT count(*) FROM chunks WHERE text LIKE '%barrels%'")!, Matches(path, "barrels"));
        Assert.Equal((long)SqliteFile.Scalar(path, "SELECT count(*) FROM chunks WHERE text LIKE '%spring%'")!, Matches(path, "spring"));
        SqliteFile.Scalar(path, "INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('integrity-check', 1)");
    }

    [Fact]
    public async Task A_store_of_a_later_schema_version_is_refused_in_one_line()
    {
        var path = NewPath();
        await (await SqliteChunkIndex.OpenAsync(path, cancellationToken: Ct)).DisposeAsync();
        SqliteFile.Scalar(path, "UPDATE meta SET value = '3' WHERE key = 'schema_version'");
        var e = await Assert.ThrowsAsync<UserInputException>(() => SqliteChunkIndex.OpenAsync(path, cancellationToken: Ct));
        Assert.Contains("schema version 3", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}

using AgentFramework.Errors;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Retrieval;

/// <summary>The contract suite against the embedded SQLite store, plus what only a file store can get wrong.</summary>
public sealed class SqliteChunkIndexTests : ChunkIndexContractTests
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("agentfw-sqlite-");

    private string StorePath => Path.Combine(_folder.FullName, "store.db");

    protected override async Task<IChunkIndex> OpenStoreAsync(IEmbeddingGenerator<string, Embedding<float>>? generator = null) =>
        await SqliteChunkIndex.OpenAsync(StorePath, generator, cancellationToken: Ct);

    protected override Task CleanupAsync()
    {
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_file_that_is_not_a_store_is_a_one_line_user_error_and_is_left_alone()
    {
        var path = Path.Combine(_folder.FullName, "notes.txt");
        await File.WriteAllTextAsync(path, "just some notes, not a database", Ct);
        var error = await Assert.ThrowsAsync<UserInputException>(() => SqliteChunkIndex.OpenAsync(path, cancellationToken: Ct));
        Assert.Contains("not an agentfw store", error.Message);
        Assert.Equal("just some notes, not a database", await File.ReadAllTextAsync(path, Ct));

        var other = Path.Combine(_folder.FullName, "other.db");
        await using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE meta(key TEXT, value TEXT); INSERT INTO meta VALUES ('format', 'something-else');";
            await command.ExecuteNonQueryAsync(Ct);
        }
        Assert.Contains("not an agentfw store", (await Assert.ThrowsAsync<UserInputException>(() => SqliteChunkIndex.OpenAsync(other, cancellationToken: Ct))).Message);
        await Assert.ThrowsAsync<UserInputException>(() => SqliteChunkIndex.OpenAsync(_folder.FullName, cancellationToken: Ct));
        await Assert.ThrowsAsync<UserInputException>(() => SqliteChunkIndex.OpenAsync(Path.Combine(_folder.FullName, "missing.db"), createIfMissing: false, cancellationToken: Ct));
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "missing.db")));
    }

    [Fact]
    public async Task Store_uses_wal_and_keeps_the_fts_index_consistent_after_replacements()
    {
        var index = await OpenAsync();
        var (a, b) = Corpus();
        await index.AddDocumentAsync(a, Chunk(a), Ct);
        await index.AddDocumentAsync(b, Chunk(b), Ct);
        var changed = AgentFramework.Documents.Document.FromText(b.Text + " Extra closing words.", b.Name);
        await index.AddDocumentAsync(changed, Chunk(changed), Ct);
        await index.RemoveDocumentAsync(a.Id, Ct);

        await using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(Ct));
        command.CommandText = "INSERT INTO chunks_fts(chunks_fts) VALUES ('integrity-check')"; // throws when FTS and chunks disagree
        await command.ExecuteNonQueryAsync(Ct);
        command.CommandText = "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'telescope'";
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync(Ct))!);
    }

    [Fact]
    public async Task Vector_search_sees_documents_committed_by_another_connection()
    {
        var reader = await OpenAsync();
        var (a, b) = Corpus();
        await reader.AddDocumentAsync(a, Chunk(a), Ct);
        Assert.All(await reader.SearchAsync(new SearchQuery("quarterly harbour budget approved by the council", 3, SearchMode.Vector), Ct), h => Assert.Equal(a.Name, h.DocumentName));

        await using (var writer = await SqliteChunkIndex.OpenAsync(StorePath, cancellationToken: Ct)) // as if another process
            await writer.AddDocumentAsync(b, Chunk(b), Ct);

        var hits = await reader.SearchAsync(new SearchQuery("quarterly harbour budget approved by the council", 3, SearchMode.Vector), Ct);
        Assert.Equal(b.Name, hits[0].DocumentName);
    }

    [Fact]
    public async Task An_in_memory_store_behaves_the_same_and_writes_no_file()
    {
        await using var index = await SqliteChunkIndex.CreateInMemoryAsync(cancellationToken: Ct);
        var (a, b) = Corpus();
        Assert.Equal(IngestOutcome.Added, await index.AddDocumentAsync(a, Chunk(a), Ct));
        Assert.Equal(IngestOutcome.Unchanged, await index.AddDocumentAsync(a, Chunk(a), Ct));
        await index.AddDocumentAsync(b, Chunk(b), Ct);
        var hit = (await index.SearchAsync(new SearchQuery("Where did the lighthouse keeper store the brass telescope?", 1), Ct))[0];
        Assert.Equal(a.Text[hit.Chunk.Start..hit.Chunk.End], hit.Chunk.Text);
        Assert.Contains("brass telescope", hit.Chunk.Text);
        Assert.Empty(_folder.GetFiles());
    }
}

using AgentFramework.Errors;
using AgentFramework.Models;
using AgentFramework.Retrieval.Stores;
using Microsoft.Data.Sqlite;

namespace AgentFramework.Tests.Retrieval;

/// <summary>Creating the SQLite store: schema-less files finished, concurrent creators, user errors in one line.</summary>
public class SqliteStoreCreationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewPath() => Path.Combine(Directory.CreateTempSubdirectory("agentfw-store-").FullName, "store.db");

    [Fact]
    public async Task A_database_without_tables_left_by_a_killed_creation_is_finished_not_refused()
    {
        var path = NewPath();
        SqliteFile.Scalar(path, "PRAGMA journal_mode=WAL;"); // what a kill in the first milliseconds used to leave
        await using (var index = await SqliteChunkIndex.OpenAsync(path, cancellationToken: Ct))
            Assert.Empty(await index.ListDocumentsAsync(Ct));
        await using (var again = await SqliteChunkIndex.OpenAsync(path, createIfMissing: false, cancellationToken: Ct))
            Assert.False(string.IsNullOrEmpty(again.EmbeddingModel.Name));
    }

    [Fact]
    public async Task Concurrent_creators_of_one_new_store_all_succeed()
    {
        var path = NewPath();
        var opens = Enumerable.Range(0, 6).Select(_ => Task.Run(() => SqliteChunkIndex.OpenAsync(path, cancellationToken: Ct), Ct)).ToArray();
        var indexes = await Task.WhenAll(opens);
        foreach (var index in indexes) await index.DisposeAsync();
        SqliteFile.Scalar(path, "SELECT 1");
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM meta";
        Assert.Equal(4L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public async Task A_blank_schema_version_is_named_as_missing()
    {
        var path = NewPath();
        await (await SqliteChunkIndex.OpenAsync(path, cancellationToken: Ct)).DisposeAsync();
        SqliteFile.Scalar(path, "UPDATE meta SET value = '' WHERE key = 'schema_version'");
        var e = await Assert.ThrowsAsync<UserInputException>(() => SqliteChunkIndex.OpenAsync(path, cancellationToken: Ct));
        Assert.Contains("records no schema version", e.Message);
        Assert.DoesNotContain("version ,", e.Message);
    }

    [Fact]
    public async Task A_call_cache_pointed_at_a_store_is_refused_and_adds_no_table()
    {
        var path = NewPath();
        await (await SqliteChunkIndex.OpenAsync(path, cancellationToken: Ct)).DisposeAsync();
        var e = Assert.Throws<UserInputException>(() => new SqliteCallCache(path));
        Assert.Contains("SqliteCallCache.Path", e.Message);
        Assert.Contains("--cache", AgentFramework.Cli.Infrastructure.LibraryOptionFlags.Translate(e.Message));
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'model_calls'";
        Assert.Equal(0L, (long)command.ExecuteScalar()!);
    }
}

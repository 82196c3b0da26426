using System.Text.Json;
using AgentFramework.Errors;
using Microsoft.Data.Sqlite;

namespace AgentFramework.Models;

/// <summary>
/// <see cref="ICallCache"/> in one SQLite file (WAL journal, so readers never block the writer). Each call is one row
/// written in one statement, which SQLite makes atomic: an interrupted job leaves either the whole response or none.
/// A file that is not a readable cache raises a one-line <see cref="UserInputException"/> naming it.
/// </summary>
public sealed class SqliteCallCache : ICallCache
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _connectionString;

    public SqliteCallCache(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        // No pooling: each operation opens and closes the file, so the file is released as soon as we are done.
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();
        Guard(() =>
        {
            using var connection = Open();
            Execute(connection, "PRAGMA busy_timeout=30000;");
            RefuseOtherDatabase(connection);
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS model_calls (
                    key TEXT PRIMARY KEY,
                    model_id TEXT,
                    response TEXT NOT NULL,
                    created_at TEXT NOT NULL)
                """);
            return 0;
        });
    }

    // A cache pointed at another database (an agentfw store, say) must not add its table to it.
    private void RefuseOtherDatabase(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name <> 'model_calls'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
            throw new UserInputException(Path, $"SqliteCallCache.Path {Path}: is another SQLite database (it has tables other than the call cache's), perhaps a ChunkIndexProviders.Location; give a separate cache file");
    }

    /// <summary>Full path of the cache file.</summary>
    public string Path { get; }

    public ValueTask<CachedChatResponse?> TryGetAsync(string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Guard(() =>
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT response FROM model_calls WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            return command.ExecuteScalar() is string json ? Deserialize(json) : null;
        }));
    }

    public ValueTask SetAsync(string key, CachedChatResponse response, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Guard(() =>
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO model_calls (key, model_id, response, created_at) VALUES ($key, $model, $response, $at)
                ON CONFLICT(key) DO UPDATE SET model_id = excluded.model_id, response = excluded.response, created_at = excluded.created_at
                """;
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$model", (object?)response.ModelId ?? DBNull.Value);
            command.Parameters.AddWithValue("$response", JsonSerializer.Serialize(response, Json));
            command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
            return command.ExecuteNonQuery();
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask<long> CountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Guard(() =>
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM model_calls";
            return (long)command.ExecuteScalar()!;
        }));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private CachedChatResponse? Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CachedChatResponse>(json, Json);
        }
        catch (JsonException e)
        {
            throw Unreadable(e);
        }
    }

    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26 or 14 or 8 or 10)
        {
            // 11 CORRUPT, 26 NOTADB, 14 CANTOPEN, 8 READONLY, 10 IOERR: the file is not a usable cache.
            throw Unreadable(e);
        }
    }

    private UserInputException Unreadable(Exception inner) => new(Path,
        $"call cache '{Path}' is not a readable cache file ({inner.Message.ReplaceLineEndings(" ")}); delete it or point the cache elsewhere", inner);
}

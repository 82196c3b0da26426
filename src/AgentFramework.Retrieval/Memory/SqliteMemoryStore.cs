using System.Runtime.InteropServices;
using System.Text.Json;
using AgentFramework.Citations;
using Microsoft.Data.Sqlite;

namespace AgentFramework.Retrieval.Memory;

/// <summary>
/// Stores memory streams in SQLite, in two tables of their own (<c>memory_documents</c>, <c>memory_entries</c>) created
/// on first use. Point it at the same file as the document's SqliteChunkIndex so that the memory lives with the index
/// (deleting the index file deletes the memory); the tables do not touch the index's. Embeddings are little-endian
/// float32 blobs, citations and source ids JSON.
/// </summary>
public sealed class SqliteMemoryStore : IMemoryStore
{
    private readonly string _connectionString;
    private bool _created;

    public SqliteMemoryStore(string databasePath)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString();
    }

    public string DatabasePath { get; }

    public async Task<DocumentMemory?> LoadAsync(string documentId, string readerKey, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(DatabasePath)) return null;
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        string summary; int step;
        var cmd = connection.CreateCommand();
        await using (cmd.ConfigureAwait(false))
        {
            cmd.CommandText = "SELECT running_summary, step FROM memory_documents WHERE document_id = $d AND reader_key = $r";
            cmd.Parameters.AddWithValue("$d", documentId);
            cmd.Parameters.AddWithValue("$r", readerKey);
            var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
            summary = reader.GetString(0);
            step = reader.GetInt32(1);
        }
        var entries = new List<MemoryEntry>();
        cmd = connection.CreateCommand();
        await using (cmd.ConfigureAwait(false))
        {
            cmd.CommandText = """
                SELECT entry_id, kind, text, citations, importance, embedding, created_step, last_used_step, sources
                FROM memory_entries WHERE document_id = $d AND reader_key = $r ORDER BY ordinal
                """;
            cmd.Parameters.AddWithValue("$d", documentId);
            cmd.Parameters.AddWithValue("$r", readerKey);
            var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new MemoryEntry(
                    reader.GetString(0),
                    Enum.Parse<MemoryEntryKind>(reader.GetString(1)),
                    reader.GetString(2),
                    JsonSerializer.Deserialize<List<Citation>>(reader.GetString(3)) ?? [],
                    reader.GetInt32(4),
                    MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(5)).ToArray(),
                    reader.GetInt32(6),
                    reader.GetInt32(7),
                    JsonSerializer.Deserialize<List<string>>(reader.GetString(8)) ?? []));
            }
        }
        return new DocumentMemory(documentId, readerKey, summary, step, entries);
    }

    public async Task SaveAsync(DocumentMemory memory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = ((SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false));
        await using var transactionScope = transaction.ConfigureAwait(false);
        await DeleteRowsAsync(connection, transaction, memory.DocumentId, memory.ReaderKey, cancellationToken).ConfigureAwait(false);
        var cmd = connection.CreateCommand();
        await using (cmd.ConfigureAwait(false))
        {
            cmd.Transaction = transaction;
            cmd.CommandText = "INSERT INTO memory_documents(document_id, reader_key, running_summary, step, saved_at) VALUES ($d, $r, $s, $n, $t)";
            cmd.Parameters.AddWithValue("$d", memory.DocumentId);
            cmd.Parameters.AddWithValue("$r", memory.ReaderKey);
            cmd.Parameters.AddWithValue("$s", memory.RunningSummary);
            cmd.Parameters.AddWithValue("$n", memory.Step);
            cmd.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O"));
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        cmd = connection.CreateCommand();
        await using (cmd.ConfigureAwait(false))
        {
            cmd.Transaction = transaction;
            cmd.CommandText = """
                INSERT INTO memory_entries(document_id, reader_key, ordinal, entry_id, kind, text, citations, importance, embedding,
                                           created_step, last_used_step, sources)
                VALUES ($d, $r, $o, $id, $k, $x, $c, $i, $e, $cs, $ls, $src)
                """;
            var p = new Dictionary<string, SqliteParameter>();
            foreach (var name in new[] { "$d", "$r", "$o", "$id", "$k", "$x", "$c", "$i", "$e", "$cs", "$ls", "$src" })
                p[name] = cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
            p["$d"].Value = memory.DocumentId;
            p["$r"].Value = memory.ReaderKey;
            for (int i = 0; i < memory.Entries.Count; i++)
            {
                var entry = memory.Entries[i];
                p["$o"].Value = i;
                p["$id"].Value = entry.Id;
                p["$k"].Value = entry.Kind.ToString();
                p["$x"].Value = entry.Text;
                p["$c"].Value = JsonSerializer.Serialize(entry.Citations);
                p["$i"].Value = entry.Importance;
                p["$e"].Value = MemoryMarshal.AsBytes(entry.Embedding.AsSpan()).ToArray();
                p["$cs"].Value = entry.CreatedStep;
                p["$ls"].Value = entry.LastUsedStep;
                p["$src"].Value = JsonSerializer.Serialize(entry.SourceEntryIds);
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string documentId, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(DatabasePath)) return false;
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = ((SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false));
        await using var transactionScope = transaction.ConfigureAwait(false);
        int removed = await DeleteRowsAsync(connection, transaction, documentId, null, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed > 0;
    }

    private static async Task<int> DeleteRowsAsync(SqliteConnection connection, SqliteTransaction transaction, string documentId, string? readerKey, CancellationToken ct)
    {
        int removed = 0;
        foreach (var table in new[] { "memory_entries", "memory_documents" })
        {
            var cmd = connection.CreateCommand();
            await using var cmdScope = cmd.ConfigureAwait(false);
            cmd.Transaction = transaction;
            cmd.CommandText = $"DELETE FROM {table} WHERE document_id = $d" + (readerKey is null ? "" : " AND reader_key = $r");
            cmd.Parameters.AddWithValue("$d", documentId);
            if (readerKey is not null) cmd.Parameters.AddWithValue("$r", readerKey);
            removed += await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        return removed;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        if (!_created)
        {
            var cmd = connection.CreateCommand();
            await using var cmdScope = cmd.ConfigureAwait(false);
            cmd.CommandText = """
                CREATE TABLE IF NOT EXISTS memory_documents(
                    document_id TEXT NOT NULL, reader_key TEXT NOT NULL, running_summary TEXT NOT NULL, step INTEGER NOT NULL,
                    saved_at TEXT NOT NULL, PRIMARY KEY(document_id, reader_key));
                CREATE TABLE IF NOT EXISTS memory_entries(
                    document_id TEXT NOT NULL, reader_key TEXT NOT NULL, ordinal INTEGER NOT NULL, entry_id TEXT NOT NULL,
                    kind TEXT NOT NULL, text TEXT NOT NULL, citations TEXT NOT NULL, importance INTEGER NOT NULL,
                    embedding BLOB NOT NULL, created_step INTEGER NOT NULL, last_used_step INTEGER NOT NULL, sources TEXT NOT NULL,
                    PRIMARY KEY(document_id, reader_key, entry_id));
                """;
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            _created = true;
        }
        return connection;
    }
}

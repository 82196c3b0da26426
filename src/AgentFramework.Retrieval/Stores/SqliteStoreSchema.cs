using System.Globalization;
using AgentFramework.Errors;
using AgentFramework.Retrieval.Embeddings;
using Microsoft.Data.Sqlite;

namespace AgentFramework.Retrieval.Stores;

/// <summary>
/// The SQLite store's schema: recognising a store (or an empty database, which is a store not yet created), creating
/// the schema idempotently in one IMMEDIATE transaction (so a kill at any instant leaves no tables or all of them, and
/// two processes creating the same store serialise), and turning SQLite failures a user can fix into one-line errors.
/// </summary>
internal static class SqliteStoreSchema
{
    /// <summary>
    /// The schema this code creates. Version 1 indexed each chunk's text into FTS5 from an AFTER INSERT trigger; a
    /// trigger's statement savepoint makes FTS5 flush its pending terms to a new segment for every row, so indexing cost
    /// about three times what the same inserts cost made directly. Version 2 has no insert trigger: the writer inserts
    /// into <c>chunks_fts</c> itself (<see cref="SqliteDocumentWriter"/>). The delete trigger stays (deletes cost the same
    /// either way, and it keeps every delete path in step).
    /// </summary>
    public const string Version = "2";

    /// <summary>Stores of version 1 are read as they are and upgraded to <see cref="Version"/> by their first write.</summary>
    public const string InsertTriggerVersion = "1";

    // IF NOT EXISTS throughout: creation is idempotent, so finishing a half-made store or losing a race is harmless.
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS documents(
            row_id INTEGER PRIMARY KEY,
            id TEXT NOT NULL,                       -- content hash of the text
            name TEXT NOT NULL UNIQUE,              -- the path it was ingested under
            characters INTEGER NOT NULL,
            chunk_count INTEGER NOT NULL,
            ingested_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS documents_id ON documents(id);
        CREATE TABLE IF NOT EXISTS chunks(
            row_id INTEGER PRIMARY KEY,
            document_row INTEGER NOT NULL REFERENCES documents(row_id) ON DELETE CASCADE,
            chunk_id TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            section TEXT,
            token_count INTEGER NOT NULL,
            text TEXT NOT NULL,
            embedding BLOB NOT NULL);               -- float32 little-endian, the store's embedding width
        CREATE INDEX IF NOT EXISTS chunks_document ON chunks(document_row, ordinal);
        CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(text, content='chunks', content_rowid='row_id', tokenize='porter unicode61 remove_diacritics 2');
        CREATE TRIGGER IF NOT EXISTS chunks_fts_delete AFTER DELETE ON chunks BEGIN
            INSERT INTO chunks_fts(chunks_fts, rowid, text) VALUES ('delete', old.row_id, old.text);
        END;
        """;


    /// <summary>The model of an existing store, or null when the database has no tables at all (a store not yet created).</summary>
    public static EmbeddingModelInfo? Inspect(SqliteConnection connection, string path, SqliteTransaction? transaction = null)
    {
        using (var count = connection.CreateCommand())
        {
            count.Transaction = transaction;
            count.CommandText = "SELECT count(*) FROM sqlite_master";
            if (Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture) == 0) return null;
        }
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT key, value FROM meta";
            using var reader = command.ExecuteReader();
            while (reader.Read()) meta[reader.GetString(0)] = reader.GetString(1);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1)
        {
            throw new UserInputException(path, $"'{path}' is a SQLite database without agentfw tables, not an agentfw store: give a store path created by 'agentfw ingest' or a new file name", e);
        }
        if (!meta.TryGetValue(StoreMetadata.FormatKey, out var format) || format != StoreMetadata.Format)
            throw new UserInputException(path, $"'{path}' is a SQLite database but not an agentfw store: give a store created by 'agentfw ingest' or a new file name");
        var version = meta.GetValueOrDefault(StoreMetadata.VersionKey);
        if (version != Version && version != InsertTriggerVersion)
            throw new UserInputException(path, string.IsNullOrWhiteSpace(version)
                ? $"store '{path}' records no schema version (damaged meta table); this agentfw reads schema version {Version}: re-ingest into a new store"
                : $"store '{path}' has schema version {version}, this agentfw reads {InsertTriggerVersion} and {Version}: re-ingest into a new store");
        if (!meta.TryGetValue(StoreMetadata.ModelKey, out var model) || !meta.TryGetValue(StoreMetadata.DimensionsKey, out var dims)
            || !int.TryParse(dims, NumberStyles.None, CultureInfo.InvariantCulture, out var dimensions))
            throw new UserInputException(path, $"store '{path}' has no embedding model in its meta table (damaged); re-ingest into a new store");
        return new EmbeddingModelInfo(model, dimensions);
    }

    /// <summary>Creates the schema unless another process already has; returns the model the store records.</summary>
    public static async Task<EmbeddingModelInfo> EnsureAsync(SqliteConnection connection, string path, EmbeddingModelInfo model, CancellationToken cancellationToken)
    {
        // Serializable is BEGIN IMMEDIATE: the write lock is taken before the check, so check-then-create is atomic.
        var transaction = ((SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false));
        await using var transactionScope = transaction.ConfigureAwait(false);
        if (Inspect(connection, path, transaction) is { } existing) return existing;
        var create = connection.CreateCommand();
        await using (create.ConfigureAwait(false))
        {
            create.Transaction = transaction;
            create.CommandText = Schema;
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var insert = connection.CreateCommand();
        await using var insertScope = insert.ConfigureAwait(false);
        insert.Transaction = transaction;
        insert.CommandText = "INSERT OR IGNORE INTO meta(key, value) VALUES ($k1,$v1),($k2,$v2),($k3,$v3),($k4,$v4)";
        insert.Parameters.AddWithValue("$k1", StoreMetadata.FormatKey); insert.Parameters.AddWithValue("$v1", StoreMetadata.Format);
        insert.Parameters.AddWithValue("$k2", StoreMetadata.VersionKey); insert.Parameters.AddWithValue("$v2", Version);
        insert.Parameters.AddWithValue("$k3", StoreMetadata.ModelKey); insert.Parameters.AddWithValue("$v3", model.Name);
        insert.Parameters.AddWithValue("$k4", StoreMetadata.DimensionsKey); insert.Parameters.AddWithValue("$v4", model.Dimensions.ToString(CultureInfo.InvariantCulture));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return model;
    }

    /// <summary>
    /// Before a write, inside its transaction: a version-1 store loses its insert trigger (the writer now indexes each
    /// chunk itself; with both, every chunk would be indexed twice) and records version 2, so an older agentfw, which
    /// would insert without indexing, refuses it instead. Idempotent, so concurrent writers may both run it.
    /// </summary>
    public static async Task UpgradeForWritingAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'chunks_fts_insert'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0) return;
        command.CommandText = "DROP TRIGGER chunks_fts_insert; UPDATE meta SET value = $version WHERE key = $key";
        command.Parameters.AddWithValue("$version", Version);
        command.Parameters.AddWithValue("$key", StoreMetadata.VersionKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SQLite failures the user can act on (read-only location, damaged file, not a database) as one line.</summary>
    public static Exception UserError(string path, SqliteException e) => e.SqliteErrorCode switch
    {
        8 or 14 or 23 => new UserInputException(path, $"store '{path}' cannot be opened for writing ({e.Message.ReplaceLineEndings(" ")}); check that its folder is writable or choose another ChunkIndexProviders.Location", e),
        11 => new UserInputException(path, $"store '{path}' is damaged (database disk image is malformed); restore it from a copy or re-ingest into a new ChunkIndexProviders.Location", e),
        26 => new UserInputException(path, $"'{path}' is not an agentfw store (not a SQLite database): give a store path created by 'agentfw ingest' or a new file name", e),
        10 => new UserInputException(path, $"store '{path}': disk I/O error ({e.Message.ReplaceLineEndings(" ")}); check the disk and the file", e),
        _ => e,
    };
}

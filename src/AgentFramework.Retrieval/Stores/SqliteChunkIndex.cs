using System.Globalization;
using System.Runtime.InteropServices;
using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Retrieval.Embeddings;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;

namespace AgentFramework.Retrieval.Stores;

/// <summary>
/// The embedded chunk index: one SQLite file (WAL) holding documents, chunks, an FTS5 index for BM25 and float32
/// embedding blobs. Vector search is exact: the embeddings are loaded once into an in-memory matrix
/// (<see cref="ExactVectorIndex"/>) and the matrix is dropped whenever a write changes the chunks.
/// Each document is written in one transaction, so a killed process leaves the store as it was before that document.
/// </summary>
public sealed partial class SqliteChunkIndex : IChunkIndex
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1); // one SqliteConnection is not safe for concurrent use
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator;
    private ExactVectorIndex? _vectors; // loaded on first vector search, dropped on every write
    private long _vectorsDataVersion;   // PRAGMA data_version when _vectors was loaded: it moves when another process commits

    private SqliteChunkIndex(string path, SqliteConnection connection, EmbeddingModelInfo model, IEmbeddingGenerator<string, Embedding<float>>? generator)
    {
        Path = path;
        _connection = connection;
        EmbeddingModel = model;
        _generator = generator;
    }

    public string Path { get; }

    /// <summary>The embedding the store was built with (and that queries must use).</summary>
    public EmbeddingModelInfo EmbeddingModel { get; }

    /// <summary>
    /// Opens the store at <paramref name="path"/>, creating it when missing (unless <paramref name="createIfMissing"/> is
    /// false). With no <paramref name="generator"/>, a store built with the hashing embedding gets that embedding back;
    /// one built with another model can then only answer BM25 queries.
    /// </summary>
    /// <exception cref="UserInputException">The path is a folder, not a store, or a store built with another embedding.</exception>
    public static async Task<SqliteChunkIndex> OpenAsync(
        string path, IEmbeddingGenerator<string, Embedding<float>>? generator = null, bool createIfMissing = true, CancellationToken cancellationToken = default)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new UserInputException(path, $"store '{path}' is a folder: give a file path such as {System.IO.Path.Combine(path, "store.db")}");
        bool exists = File.Exists(full) && new FileInfo(full).Length > 0;
        if (!exists && !createIfMissing)
            throw new UserInputException(path, $"no store at '{path}': create one with Ingestor.IngestAsync");
        var folder = System.IO.Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw new UserInputException(path, $"store '{path}': folder '{folder}' does not exist; create it first");

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // a pooled handle would keep the file open after Dispose
            DefaultTimeout = 60,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Waits for another writer (a concurrent ingest creating or filling the same store) instead of failing.
            await ExecuteAsync(connection, "PRAGMA busy_timeout=60000;", cancellationToken).ConfigureAwait(false);
            // A file with no tables (killed while being created, or a 0-byte file) is a new store, finished below.
            EmbeddingModelInfo? stored = exists ? SqliteStoreSchema.Inspect(connection, path) : null;
            if (stored is null && !createIfMissing)
                throw new UserInputException(path, $"no store at '{path}' (the file has no tables yet): create one with Ingestor.IngestAsync");
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", cancellationToken).ConfigureAwait(false);

            var requested = generator is null ? null : await EmbeddingModelInfo.OfAsync(generator, cancellationToken).ConfigureAwait(false);
            bool defaulted = false;
            if (stored is null)
            {
                defaulted = generator is null;
                generator ??= new HashingEmbeddingGenerator();
                requested ??= await EmbeddingModelInfo.OfAsync(generator, cancellationToken).ConfigureAwait(false);
                // Idempotent and in one transaction: a concurrent creator that got there first wins and we read its meta.
                stored = await SqliteStoreSchema.EnsureAsync(connection, path, requested, cancellationToken).ConfigureAwait(false);
            }
            if (requested is not null && !defaulted) StoreMetadata.EnsureSameModel(path, stored, requested);
            else generator = HashingEmbeddingGenerator.FromModelName(stored.Name);

            return new SqliteChunkIndex(full, connection, stored, generator);
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw SqliteStoreSchema.UserError(path, e);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A private store in memory that disappears on dispose: for a single run (e.g. retrieve-then-reason over one
    /// document) where nothing should be written to disk.
    /// </summary>
    public static async Task<SqliteChunkIndex> CreateInMemoryAsync(
        IEmbeddingGenerator<string, Embedding<float>>? generator = null, CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "PRAGMA foreign_keys=ON;", cancellationToken).ConfigureAwait(false);
            generator ??= new HashingEmbeddingGenerator();
            var model = await SqliteStoreSchema.EnsureAsync(connection, ":memory:", await EmbeddingModelInfo.OfAsync(generator, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return new SqliteChunkIndex(":memory:", connection, model, generator);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<IngestOutcome> AddDocumentAsync(Document document, IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default) =>
        (await AddDocumentsAsync([new DocumentChunks(document, chunks)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Adds the batch in one transaction: the FTS5 index and the vectors are written for all its documents at once
    /// (far fewer index segments and commits than one transaction per document), and a killed process leaves the
    /// store as it was before the batch. Embedding happens before the store's gate is taken, so one batch embeds
    /// while the previous one is written.
    /// </summary>
    public async Task<IReadOnlyList<IngestOutcome>> AddDocumentsAsync(IReadOnlyList<DocumentChunks> batch, CancellationToken cancellationToken = default)
    {
        foreach (var (document, chunks) in batch) StoreMetadata.ValidateChunks(document, chunks);
        var generator = _generator ?? throw NoEmbedding();
        var vectors = await BatchEmbedding.EmbedAsync(generator, batch.SelectMany(b => b.Chunks).Select(c => c.Text).ToList(), EmbeddingModel.Dimensions, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var outcomes = new IngestOutcome[batch.Count];
            // Same name, same content: no writes at all (and no transaction when the whole batch is unchanged).
            var stored = new (long RowId, string Id)?[batch.Count];
            bool anyChange = false;
            for (int d = 0; d < batch.Count; d++)
            {
                stored[d] = await FindByNameAsync(batch[d].Document.Name, cancellationToken).ConfigureAwait(false);
                anyChange |= stored[d]?.Id != batch[d].Document.Id;
            }
            if (!anyChange)
            {
                Array.Fill(outcomes, IngestOutcome.Unchanged);
                return outcomes;
            }

            var transaction = ((SqliteTransaction)await _connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false));
            await using var transactionScope = transaction.ConfigureAwait(false);
            await SqliteStoreSchema.UpgradeForWritingAsync(_connection, transaction, cancellationToken).ConfigureAwait(false);
            var writer = new SqliteDocumentWriter(_connection, transaction);
            await using var writerScope = writer.ConfigureAwait(false);
            int firstVector = 0;
            for (int d = 0; d < batch.Count; d++)
            {
                var (document, chunks) = batch[d];
                // Looked up again inside the transaction: another process may have written it meanwhile.
                var existing = await FindByNameAsync(document.Name, cancellationToken, transaction).ConfigureAwait(false);
                if (existing?.Id == document.Id) outcomes[d] = IngestOutcome.Unchanged;
                else
                {
                    if (existing is not null) await DeleteDocumentRowAsync(existing.Value.RowId, transaction, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(document, chunks, vectors.AsMemory(firstVector, chunks.Count), cancellationToken).ConfigureAwait(false);
                    outcomes[d] = existing is null ? IngestOutcome.Added : IngestOutcome.Replaced;
                }
                firstVector += chunks.Count;
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _vectors = null;
            return outcomes;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(long RowId, string Id)?> FindByNameAsync(string name, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        command.Transaction = transaction;
        command.CommandText = "SELECT row_id, id FROM documents WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    private async Task DeleteDocumentRowAsync(long documentRow, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        // Chunks first, explicitly: their delete trigger keeps the external-content FTS index in step.
        var command = _connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM chunks WHERE document_row = $row; DELETE FROM documents WHERE row_id = $row;";
        command.Parameters.AddWithValue("$row", documentRow);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RemoveDocumentAsync(string documentIdOrName, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rows = await DocumentRowsAsync(documentIdOrName, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0) return false;
            var transaction = ((SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false));
            await using var transactionScope = transaction.ConfigureAwait(false);
            foreach (var row in rows) await DeleteDocumentRowAsync(row, transaction, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _vectors = null;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<long>> DocumentRowsAsync(string documentIdOrName, CancellationToken cancellationToken)
    {
        var command = _connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        command.CommandText = "SELECT row_id FROM documents WHERE id = $key OR name = $key";
        command.Parameters.AddWithValue("$key", documentIdOrName);
        var rows = new List<long>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) rows.Add(reader.GetInt64(0));
        return rows;
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        if (HybridSearch.IsEmpty(query)) return [];
        query = SearchModes.Resolve(query, EmbeddingModel.Name);
        var queryVector = await HybridSearch.EmbedQueryAsync(query, _generator, EmbeddingModel.Dimensions, NoEmbedding, cancellationToken).ConfigureAwait(false);

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            HashSet<long>? filter = query.DocumentId is null ? null : (await DocumentRowsAsync(query.DocumentId, cancellationToken).ConfigureAwait(false)).ToHashSet();
            if (filter is { Count: 0 }) return [];
            return await HybridSearch.RankAsync(query, queryVector,
                candidates => Bm25Async(query.Text, candidates, filter, cancellationToken),
                (vector, candidates) => VectorAsync(vector, candidates, filter, cancellationToken),
                rows => LoadChunksAsync(rows, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<(long Row, double Score)>> Bm25Async(string text, int k, HashSet<long>? documentRows, CancellationToken cancellationToken)
    {
        var match = LexicalQuery.ToFts5(text);
        if (match is null) return [];
        var command = _connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        // bm25() is lower-is-better; negate it so every score in a hit list is higher-is-better.
        command.CommandText = documentRows is null
            ? "SELECT rowid, -bm25(chunks_fts) FROM chunks_fts WHERE chunks_fts MATCH $match ORDER BY bm25(chunks_fts) LIMIT $k"
            : $"""
               SELECT f.rowid, -bm25(chunks_fts) FROM chunks_fts f JOIN chunks c ON c.row_id = f.rowid
               WHERE chunks_fts MATCH $match AND c.document_row IN ({string.Join(',', documentRows)})
               ORDER BY bm25(chunks_fts) LIMIT $k
               """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$k", k);
        var hits = new List<(long, double)>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) hits.Add((reader.GetInt64(0), reader.GetDouble(1)));
        return hits;
    }

    private async Task<IReadOnlyList<(long Row, double Score)>> VectorAsync(float[] query, int k, HashSet<long>? documentRows, CancellationToken cancellationToken)
    {
        long dataVersion = await DataVersionAsync(cancellationToken).ConfigureAwait(false);
        if (_vectors is null || dataVersion != _vectorsDataVersion)
        {
            _vectors = await LoadVectorsAsync(cancellationToken).ConfigureAwait(false);
            _vectorsDataVersion = dataVersion;
        }
        var vectors = _vectors;
        if (documentRows is { Count: 1 })
            return vectors.Search(query, k, (int)documentRows.First()).Select(h => (h.Key, (double)h.Score)).ToList();
        if (documentRows is null)
            return vectors.Search(query, k).Select(h => (h.Key, (double)h.Score)).ToList();
        // Several documents share the id (same content under several names): search each and merge.
        return documentRows.SelectMany(row => vectors.Search(query, k, (int)row))
            .OrderByDescending(h => h.Score).Take(k).Select(h => (h.Key, (double)h.Score)).ToList();
    }

    private async Task<long> DataVersionAsync(CancellationToken cancellationToken)
    {
        var command = _connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        command.CommandText = "PRAGMA data_version";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private async Task<ExactVectorIndex> LoadVectorsAsync(CancellationToken cancellationToken)
    {
        var count = _connection.CreateCommand();
        await using var countScope = count.ConfigureAwait(false);
        count.CommandText = "SELECT count(*) FROM chunks";
        var rows = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var index = new ExactVectorIndex(EmbeddingModel.Dimensions, Math.Max(rows, 1));
        var command = _connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        command.CommandText = "SELECT row_id, document_row, embedding FROM chunks";
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        var buffer = new byte[EmbeddingModel.Dimensions * sizeof(float)];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            long read = reader.GetBytes(2, 0, buffer, 0, buffer.Length);
            if (read != buffer.Length) throw new InvalidDataException($"store '{Path}': chunk {reader.GetInt64(0)} has a {read}-byte embedding, expected {buffer.Length}");
            index.Add(reader.GetInt64(0), MemoryMarshal.Cast<byte, float>(buffer), checked((int)reader.GetInt64(1)));
        }
        return index;
    }

    private async Task<Dictionary<long, (Chunk Chunk, string Name)>> LoadChunksAsync(IReadOnlyList<long> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return [];
        var command = _connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        command.CommandText = $"""
            SELECT c.row_id, c.chunk_id, d.id, c.ordinal, c.start, c."end", c.text, c.token_count, c.section, d.name
            FROM chunks c JOIN documents d ON d.row_id = c.document_row WHERE c.row_id IN ({string.Join(',', rows)})
            """;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await HybridSearch.ReadChunksAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<IndexedDocument>> ListDocumentsAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = _connection.CreateCommand();
            await using var commandScope = command.ConfigureAwait(false);
            command.CommandText = "SELECT id, name, chunk_count, characters, ingested_at FROM documents ORDER BY name";
            var documents = new List<IndexedDocument>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                documents.Add(new IndexedDocument(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3),
                    DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
            return documents;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = _connection.CreateCommand();
            await using var commandScope = command.ConfigureAwait(false);
            command.CommandText = "SELECT count(*), coalesce(sum(chunk_count), 0), coalesce(sum(characters), 0) FROM documents";
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new IndexStats(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), EmbeddingModel.Name, EmbeddingModel.Dimensions, $"sqlite ({Path})");
        }
        finally
        {
            _gate.Release();
        }
    }

    private UserInputException NoEmbedding() => new(Path,
        $"store '{Path}' was built with embedding '{EmbeddingModel.Name}': pass the same IChunkIndex.EmbeddingModel to add documents or run vector/hybrid search (bm25 works without it)");

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}

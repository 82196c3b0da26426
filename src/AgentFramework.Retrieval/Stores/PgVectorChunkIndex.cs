using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Retrieval.Embeddings;
using Microsoft.Extensions.AI;
using Npgsql;
using Pgvector;
using Pgvector.Npgsql;

namespace AgentFramework.Retrieval.Stores;

/// <summary>
/// The chunk index in PostgreSQL with pgvector: a <c>vector(d)</c> column under an HNSW cosine index, and a generated
/// <c>tsvector</c> column (GIN) ranked with <c>ts_rank</c> for the lexical side. Tables live in one schema (the first
/// entry of the connection string's Search Path, default "agentfw"). Chunks are written with batched INSERTs
/// (NpgsqlBatch) inside one transaction per document; binary COPY is avoided because PGlite's socket server breaks on it.
/// One connection is held and used by one operation at a time.
/// </summary>
public sealed partial class PgVectorChunkIndex : IChunkIndex
{
    private const int InsertBatchSize = 100;

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator;
    private readonly string _schema;
    private readonly string _displayLocation;
    private int _efSearch = 40; // pgvector's default

    private PgVectorChunkIndex(NpgsqlDataSource dataSource, NpgsqlConnection connection, string schema, string displayLocation,
        EmbeddingModelInfo model, IEmbeddingGenerator<string, Embedding<float>>? generator)
    {
        _dataSource = dataSource;
        _connection = connection;
        _schema = schema;
        _displayLocation = displayLocation;
        EmbeddingModel = model;
        _generator = generator;
    }

    public EmbeddingModelInfo EmbeddingModel { get; }

    /// <summary>
    /// HNSW search breadth (pgvector's hnsw.ef_search, default 40): more is slower and closer to exact. A query for
    /// more candidates than this widens it to that count.
    /// </summary>
    public int HnswEfSearch { get; set; } = 40;

    /// <summary>The schema holding this store's tables.</summary>
    public string Schema => _schema;

    /// <summary>Connects, creating the vector extension and the store's tables when missing (unless <paramref name="createIfMissing"/> is false).</summary>
    /// <exception cref="UserInputException">The database is unreachable, is not a store, or holds another embedding model.</exception>
    public static async Task<PgVectorChunkIndex> OpenAsync(
        string location, IEmbeddingGenerator<string, Embedding<float>>? generator = null, bool createIfMissing = true, CancellationToken cancellationToken = default)
    {
        var builder = PostgresLocation.Parse(location);
        var display = $"postgres {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username ?? ""}";
        var schema = builder.SearchPath?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "agentfw";
        if (!SafeIdentifier().IsMatch(schema))
            throw new UserInputException("ChunkIndexProviders.Location", $"ChunkIndexProviders.Location: schema '{schema}' (Search Path) must be lower-case letters, digits and '_'");
        display += $" schema {schema}";

        var dataSourceBuilder = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        dataSourceBuilder.UseVector();
        var dataSource = dataSourceBuilder.Build();
        NpgsqlConnection? connection = null;
        try
        {
            try
            {
                connection = await PostgresConnector.OpenAsync(dataSource, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or IOException)
            {
                throw new UserInputException("ChunkIndexProviders.Location", $"cannot reach PostgreSQL at {builder.Host}:{builder.Port} ({FirstLine(e.Message)}): start the server or fix ChunkIndexProviders.Location", e);
            }

            await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS vector", cancellationToken, display).ConfigureAwait(false);
            await connection.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);

            var stored = await ReadModelAsync(connection, schema, display, cancellationToken).ConfigureAwait(false);
            var requested = generator is null ? null : await EmbeddingModelInfo.OfAsync(generator, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                if (!createIfMissing)
                    throw new UserInputException("ChunkIndexProviders.Location", $"no agentfw store in {display}: create one with Ingestor.IngestAsync");
                generator ??= new HashingEmbeddingGenerator();
                requested ??= await EmbeddingModelInfo.OfAsync(generator, cancellationToken).ConfigureAwait(false);
                stored = await CreateSchemaAsync(connection, schema, requested, cancellationToken).ConfigureAwait(false);
            }
            else if (requested is not null) StoreMetadata.EnsureSameModel(display, stored, requested);
            else generator = HashingEmbeddingGenerator.FromModelName(stored.Name);

            return new PgVectorChunkIndex(dataSource, connection, schema, display, stored, generator);
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync().ConfigureAwait(false);
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<EmbeddingModelInfo?> ReadModelAsync(NpgsqlConnection connection, string schema, string display, CancellationToken cancellationToken)
    {
        var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection);
        await using (exists.ConfigureAwait(false))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = $"{schema}.meta" });
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!) return null;
        }
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        var read = new NpgsqlCommand($"SELECT key, value FROM {schema}.meta", connection);
        await using (read.ConfigureAwait(false))
        {
            var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) meta[reader.GetString(0)] = reader.GetString(1);
        }
        if (meta.GetValueOrDefault(StoreMetadata.FormatKey) != StoreMetadata.Format)
            throw new UserInputException("ChunkIndexProviders.Location", $"{display} has a 'meta' table that is not an agentfw store's: use another schema (Search Path) or database");
        if (meta.GetValueOrDefault(StoreMetadata.VersionKey) != StoreMetadata.SchemaVersion)
            throw new UserInputException("ChunkIndexProviders.Location", $"{display} has store schema version {meta.GetValueOrDefault(StoreMetadata.VersionKey)}, this agentfw reads {StoreMetadata.SchemaVersion}: re-ingest into a new schema");
        return new EmbeddingModelInfo(meta[StoreMetadata.ModelKey], int.Parse(meta[StoreMetadata.DimensionsKey], CultureInfo.InvariantCulture));
    }

    private static async Task<EmbeddingModelInfo> CreateSchemaAsync(NpgsqlConnection connection, string schema, EmbeddingModelInfo model, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        var ddl = $"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE {schema}.meta(key text PRIMARY KEY, value text NOT NULL);
            CREATE TABLE {schema}.documents(
                row_id bigserial PRIMARY KEY,
                id text NOT NULL,
                name text NOT NULL UNIQUE,
                characters bigint NOT NULL,
                chunk_count integer NOT NULL,
                ingested_at timestamptz NOT NULL);
            CREATE INDEX ON {schema}.documents(id);
            CREATE TABLE {schema}.chunks(
                row_id bigserial PRIMARY KEY,
                document_row bigint NOT NULL REFERENCES {schema}.documents(row_id) ON DELETE CASCADE,
                chunk_id text NOT NULL,
                ordinal integer NOT NULL,
                start_offset integer NOT NULL,
                end_offset integer NOT NULL,
                section text,
                token_count integer NOT NULL,
                text text NOT NULL,
                tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
                embedding vector({model.Dimensions}) NOT NULL);
            CREATE INDEX ON {schema}.chunks(document_row, ordinal);
            CREATE INDEX ON {schema}.chunks USING gin(tsv);
            CREATE INDEX ON {schema}.chunks USING hnsw(embedding vector_cosine_ops);
            """;
        var create = new NpgsqlCommand(ddl, connection, transaction);
        await using (create.ConfigureAwait(false))
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        var insert = new NpgsqlCommand($"INSERT INTO {schema}.meta(key, value) VALUES ($1,$2),($3,$4),($5,$6),($7,$8)", connection, transaction);
        await using (insert.ConfigureAwait(false))
        {
            foreach (var value in new[] { StoreMetadata.FormatKey, StoreMetadata.Format, StoreMetadata.VersionKey, StoreMetadata.SchemaVersion,
                         StoreMetadata.ModelKey, model.Name, StoreMetadata.DimensionsKey, model.Dimensions.ToString(CultureInfo.InvariantCulture) })
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return model;
    }

    public async Task<IngestOutcome> AddDocumentAsync(Document document, IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default)
    {
        StoreMetadata.ValidateChunks(document, chunks);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = await FindByNameAsync(document.Name, null, cancellationToken).ConfigureAwait(false);
            if (existing?.Id == document.Id) return IngestOutcome.Unchanged;

            var generator = _generator ?? throw NoEmbedding();
            var vectors = await BatchEmbedding.EmbedAsync(generator, chunks.Select(c => c.Text).ToList(), EmbeddingModel.Dimensions, cancellationToken: cancellationToken).ConfigureAwait(false);

            var transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            existing = await FindByNameAsync(document.Name, transaction, cancellationToken, forUpdate: true).ConfigureAwait(false);
            if (existing?.Id == document.Id) return IngestOutcome.Unchanged; // another writer got there first
            if (existing is not null)
            {
                var delete = new NpgsqlCommand($"DELETE FROM {_schema}.documents WHERE row_id = $1", _connection, transaction);
                await using var deleteScope = delete.ConfigureAwait(false);
                delete.Parameters.Add(new NpgsqlParameter { Value = existing.Value.RowId });
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            long documentRow;
            var insert = new NpgsqlCommand(
                $"INSERT INTO {_schema}.documents(id, name, characters, chunk_count, ingested_at) VALUES ($1,$2,$3,$4,$5) RETURNING row_id", _connection, transaction);
            await using (insert.ConfigureAwait(false))
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = document.Id });
                insert.Parameters.Add(new NpgsqlParameter { Value = document.Name });
                insert.Parameters.Add(new NpgsqlParameter { Value = (long)document.Text.Length });
                insert.Parameters.Add(new NpgsqlParameter { Value = chunks.Count });
                insert.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow });
                documentRow = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            var sql = $"""
                INSERT INTO {_schema}.chunks(document_row, chunk_id, ordinal, start_offset, end_offset, section, token_count, text, embedding)
                VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
                """;
            for (int offset = 0; offset < chunks.Count; offset += InsertBatchSize)
            {
                var batch = new NpgsqlBatch(_connection, transaction);
                await using var batchScope = batch.ConfigureAwait(false);
                for (int i = offset; i < Math.Min(chunks.Count, offset + InsertBatchSize); i++)
                {
                    var c = chunks[i];
                    var command = new NpgsqlBatchCommand(sql);
                    foreach (var value in new object[] { documentRow, c.Id, c.Index, c.Start, c.End, (object?)c.Section ?? DBNull.Value, c.TokenCount, c.Text, new Vector(vectors[i]) })
                        command.Parameters.Add(new NpgsqlParameter { Value = value });
                    batch.BatchCommands.Add(command);
                }
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return existing is null ? IngestOutcome.Added : IngestOutcome.Replaced;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(long RowId, string Id)?> FindByNameAsync(string name, NpgsqlTransaction? transaction, CancellationToken cancellationToken, bool forUpdate = false)
    {
        var command = new NpgsqlCommand($"SELECT row_id, id FROM {_schema}.documents WHERE name = $1{(forUpdate ? " FOR UPDATE" : "")}", _connection, transaction);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public async Task<bool> RemoveDocumentAsync(string documentIdOrName, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = new NpgsqlCommand($"DELETE FROM {_schema}.documents WHERE id = $1 OR name = $1", _connection);
            await using var commandScope = command.ConfigureAwait(false);
            command.Parameters.Add(new NpgsqlParameter { Value = documentIdOrName });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        if (HybridSearch.IsEmpty(query)) return [];
        query = SearchModes.Resolve(query, EmbeddingModel.Name);
        var queryVector = await HybridSearch.EmbedQueryAsync(query, _generator, EmbeddingModel.Dimensions, NoEmbedding, cancellationToken).ConfigureAwait(false);

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long[]? filter = null;
            if (query.DocumentId is not null)
            {
                var rows = new NpgsqlCommand($"SELECT row_id FROM {_schema}.documents WHERE id = $1 OR name = $1", _connection);
                await using var rowsScope = rows.ConfigureAwait(false);
                rows.Parameters.Add(new NpgsqlParameter { Value = query.DocumentId });
                var list = new List<long>();
                var reader = await rows.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(reader.GetInt64(0));
                if (list.Count == 0) return [];
                filter = list.ToArray();
            }
            return await HybridSearch.RankAsync(query, queryVector,
                candidates => LexicalAsync(query.Text, candidates, filter, cancellationToken),
                (vector, candidates) => VectorAsync(vector, candidates, filter, cancellationToken),
                rows => LoadChunksAsync(rows, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<(long Row, double Score)>> LexicalAsync(string text, int k, long[]? filter, CancellationToken cancellationToken)
    {
        var words = LexicalQuery.ToWebSearch(text);
        if (words is null) return [];
        var command = new NpgsqlCommand($"""
            SELECT c.row_id, ts_rank(c.tsv, q)::float8 FROM {_schema}.chunks c, websearch_to_tsquery('english', $1) q
            WHERE c.tsv @@ q {(filter is null ? "" : "AND c.document_row = ANY($3)")}
            ORDER BY 2 DESC, c.row_id LIMIT $2
            """, _connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter { Value = words });
        command.Parameters.Add(new NpgsqlParameter { Value = k });
        if (filter is not null) command.Parameters.Add(new NpgsqlParameter { Value = filter });
        return await ReadScoredAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<(long Row, double Score)>> VectorAsync(float[] query, int k, long[]? filter, CancellationToken cancellationToken)
    {
        // HNSW returns at most ef_search rows per scan; widen it when more candidates are wanted.
        int ef = Math.Max(HnswEfSearch, k);
        if (ef != _efSearch)
        {
            await ExecuteAsync(_connection, $"SET hnsw.ef_search = {ef}", cancellationToken, _displayLocation).ConfigureAwait(false);
            _efSearch = ef;
        }
        // With a document filter, "+ 0" keeps the planner off the HNSW index (which filters after its scan and could
        // return too few rows) and makes the search exact over that document's chunks.
        var command = new NpgsqlCommand(filter is null
            ? $"SELECT row_id, 1 - (embedding <=> $1) FROM {_schema}.chunks ORDER BY embedding <=> $1 LIMIT $2"
            : $"SELECT row_id, 1 - (embedding <=> $1) FROM {_schema}.chunks WHERE document_row = ANY($3) ORDER BY (embedding <=> $1) + 0, row_id LIMIT $2",
            _connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter { Value = new Vector(query) });
        command.Parameters.Add(new NpgsqlParameter { Value = k });
        if (filter is not null) command.Parameters.Add(new NpgsqlParameter { Value = filter });
        return await ReadScoredAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<(long, double)>> ReadScoredAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var hits = new List<(long, double)>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) hits.Add((reader.GetInt64(0), reader.GetDouble(1)));
        return hits;
    }

    private async Task<Dictionary<long, (Chunk Chunk, string Name)>> LoadChunksAsync(IReadOnlyList<long> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return [];
        var command = new NpgsqlCommand($"""
            SELECT c.row_id, c.chunk_id, d.id, c.ordinal, c.start_offset, c.end_offset, c.text, c.token_count, c.section, d.name
            FROM {_schema}.chunks c JOIN {_schema}.documents d ON d.row_id = c.document_row WHERE c.row_id = ANY($1)
            """, _connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.ToArray() });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await HybridSearch.ReadChunksAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<IndexedDocument>> ListDocumentsAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = new NpgsqlCommand($"SELECT id, name, chunk_count, characters, ingested_at FROM {_schema}.documents ORDER BY name COLLATE \"C\"", _connection);
            await using var commandScope = command.ConfigureAwait(false);
            var documents = new List<IndexedDocument>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                documents.Add(new IndexedDocument(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3),
                    new DateTimeOffset(reader.GetDateTime(4).ToUniversalTime(), TimeSpan.Zero)));
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
            var command = new NpgsqlCommand($"SELECT count(*), coalesce(sum(chunk_count), 0)::bigint, coalesce(sum(characters), 0)::bigint FROM {_schema}.documents", _connection);
            await using var commandScope = command.ConfigureAwait(false);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new IndexStats(checked((int)reader.GetInt64(0)), reader.GetInt64(1), reader.GetInt64(2), EmbeddingModel.Name, EmbeddingModel.Dimensions, $"pgvector ({_displayLocation})");
        }
        finally
        {
            _gate.Release();
        }
    }

    private UserInputException NoEmbedding() => new("ChunkIndexProviders.Location",
        $"{_displayLocation} was built with embedding '{EmbeddingModel.Name}': pass the same IChunkIndex.EmbeddingModel to add documents or run vector/hybrid search (bm25 works without it)");

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, string display)
    {
        try
        {
            var command = new NpgsqlCommand(sql, connection);
            await using var commandScope = command.ConfigureAwait(false);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == "0A000" || e.Message.Contains("extension", StringComparison.OrdinalIgnoreCase))
        {
            throw new UserInputException("ChunkIndexProviders.Location", $"{display}: pgvector is not available ({FirstLine(e.MessageText)}): install the pgvector extension on that server", e);
        }
    }

    private static string FirstLine(string message) => message.ReplaceLineEndings(" ").Trim();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SafeIdentifier();

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}

using AgentFramework.Errors;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Stores;
using Microsoft.Extensions.AI;
using Npgsql;

namespace AgentFramework.IntegrationTests.Retrieval;

/// <summary>
/// The contract suite against PostgreSQL + pgvector, at the server named by AGENTFW_PGVECTOR_CS (CI starts PGlite with
/// pgvector); skipped with a reason when it is unset. Each test uses its own schema and drops it afterwards.
/// </summary>
public sealed class PgVectorChunkIndexTests : ChunkIndexContractTests
{
    private static readonly string? ConnectionString = Environment.GetEnvironmentVariable("AGENTFW_PGVECTOR_CS");
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N")[..12];

    private string Location => new NpgsqlConnectionStringBuilder(RequireServer()) { SearchPath = _schema }.ConnectionString;

    private static string RequireServer()
    {
        Assert.SkipWhen(string.IsNullOrEmpty(ConnectionString), "AGENTFW_PGVECTOR_CS is not set (CI's .ci/run starts PostgreSQL with pgvector and sets it)");
        return ConnectionString!;
    }

    protected override async Task<IChunkIndex> OpenStoreAsync(IEmbeddingGenerator<string, Embedding<float>>? generator = null) =>
        await ChunkIndexProviders.Default.OpenAsync(Location, new ChunkIndexOpenOptions { EmbeddingGenerator = generator }, Ct);

    protected override async Task CleanupAsync()
    {
        if (string.IsNullOrEmpty(ConnectionString)) return;
        await using var connection = await PostgresConnector.OpenAsync(ConnectionString, CancellationToken.None);
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Factory_selects_pgvector_for_connection_strings_and_the_hnsw_index_exists()
    {
        var index = await OpenAsync();
        Assert.IsType<PgVectorChunkIndex>(index);
        Assert.StartsWith("pgvector", (await index.GetStatsAsync(Ct)).Backend);
        await index.DisposeAsync(); // PGlite serves one connection at a time
        await using var connection = await PostgresConnector.OpenAsync(ConnectionString!, Ct);
        await using var command = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE schemaname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = _schema });
        var definitions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) definitions.Add(reader.GetString(0));
        Assert.Contains(definitions, d => d.Contains("hnsw", StringComparison.Ordinal) && d.Contains("vector_cosine_ops", StringComparison.Ordinal));
        Assert.Contains(definitions, d => d.Contains("gin", StringComparison.Ordinal) && d.Contains("tsv", StringComparison.Ordinal));
    }
}

/// <summary>Connection-level errors need no server.</summary>
public sealed class PgVectorLocationTests
{
    [Fact]
    public async Task Unreachable_database_is_a_one_line_user_error()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            ChunkIndexProviders.Default.OpenAsync("Host=127.0.0.1;Port=1;Username=postgres;Timeout=3", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("cannot reach PostgreSQL at 127.0.0.1:1", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("postgres://u:secret@db.example:6543/store?sslmode=disable", true)]
    [InlineData("Host=localhost;Username=postgres", true)]
    [InlineData("store.db", false)]
    [InlineData("/data/host=weird/store.db", false)]
    public void Locations_are_recognised(string location, bool isPostgres)
    {
        Assert.Equal(isPostgres, PostgresLocation.IsPostgres(location));
    }

    [Fact]
    public void Uris_become_connection_strings_and_passwords_are_redacted()
    {
        var builder = PostgresLocation.Parse("postgres://alice:s%40cret@db.example:6543/store?sslmode=disable&search_path=mine");
        Assert.Equal(("db.example", 6543, "store", "alice", "s@cret", "mine"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password, builder.SearchPath));
        Assert.DoesNotContain("s@cret", PostgresLocation.Redact("Host=h;Password=s@cret"));
        Assert.DoesNotContain("cret", PostgresLocation.Redact("postgres://alice:s%40cret@db.example/store"));
    }
}

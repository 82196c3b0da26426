using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Chunking;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Stores;

namespace AgentFramework.Tests.Retrieval;

/// <summary>The store registry: which provider a location goes to, the in-memory store, precedence and the unknown-location error.</summary>
public class ChunkIndexProvidersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("store.db", "sqlite")]
    [InlineData("/var/data/agentfw/store.db", "sqlite")]
    [InlineData(@"C:\data\store.db", "sqlite")]
    [InlineData("postgres://user:secret@db:5432/agentfw", "pgvector")]
    [InlineData("postgresql://db/agentfw", "pgvector")]
    [InlineData("Host=db;Username=u;Database=agentfw", "pgvector")]
    [InlineData("memory:", "memory")]
    [InlineData("qdrant://localhost:6333/chunks", null)]
    [InlineData("file://store.db", null)]
    public void A_location_goes_to_the_provider_of_its_shape(string location, string? provider) =>
        Assert.Equal(provider, new ChunkIndexProviders(ChunkIndexProviders.BuiltIn()).Find(location)?.Name);

    [Fact]
    public async Task An_unknown_scheme_is_one_line_naming_the_location_and_the_registered_stores()
    {
        var registry = new ChunkIndexProviders(ChunkIndexProviders.BuiltIn());
        var error = await Assert.ThrowsAsync<UserInputException>(() => registry.OpenAsync("qdrant://localhost:6333/chunks", cancellationToken: Ct));
        Assert.DoesNotContain('\n', error.Message);
        foreach (var expected in new[] { "qdrant://localhost:6333/chunks", "sqlite (a file path", "pgvector (postgres://", "memory (memory:)" })
            Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task The_memory_store_is_a_real_index_that_is_new_on_every_open()
    {
        var document = Document.FromText("The lighthouse keeper counted eleven ships.", "log.txt");
        var chunk = new Chunk("c0", document.Id, 0, 0, document.Text.Length, document.Text, 8, null);
        await using (var index = await ChunkIndexProviders.Default.OpenAsync("memory:", cancellationToken: Ct))
        {
            Assert.Equal(IngestOutcome.Added, await index.AddDocumentAsync(document, [chunk], Ct));
            var hit = Assert.Single(await index.SearchAsync(new SearchQuery("lighthouse ships", Mode: SearchMode.Bm25), Ct));
            Assert.Equal(document.Text, hit.Chunk.Text);
        }
        await using (var again = await ChunkIndexProviders.Default.OpenAsync("memory:", cancellationToken: Ct))
            Assert.Equal(0, (await again.GetStatsAsync(Ct)).Documents);
        await Assert.ThrowsAsync<UserInputException>(() =>
            ChunkIndexProviders.Default.OpenAsync("memory:", new ChunkIndexOpenOptions { CreateIfMissing = false }, Ct));
    }

    [Fact]
    public void A_later_registration_takes_over_the_locations_it_recognises()
    {
        var registry = new ChunkIndexProviders(ChunkIndexProviders.BuiltIn()).Register(new ClaimsDbFiles());
        Assert.Equal("claims-db", registry.Find("store.db")?.Name);
        Assert.Equal("sqlite", registry.Find("store.sqlite")?.Name);
        Assert.Equal("sqlite", new ChunkIndexProviders(ChunkIndexProviders.BuiltIn()).Find("store.db")?.Name);
    }

    [Fact]
    public void Messages_show_a_postgres_location_without_its_password() =>
        Assert.DoesNotContain("secret", ChunkIndexProviders.Default.Display("postgres://user:secret@db:5432/agentfw"));

    private sealed class ClaimsDbFiles : IChunkIndexProvider
    {
        public string Name => "claims-db";
        public string Locations => "*.db";
        public bool CanOpen(string location) => location.EndsWith(".db", StringComparison.Ordinal);
        public Task<IChunkIndex> OpenAsync(string location, ChunkIndexOpenOptions options, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}

using AgentFramework.Agents;
using AgentFramework.Agents.Execution;
using AgentFramework.Models;
using AgentFramework.Retrieval;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Tests.Agents;

/// <summary>Builds an <see cref="IDocumentAgent"/> over a scripted chat client through the public DI registration.</summary>
public static class AgentTestHost
{
    public static IDocumentAgent Create(IChatClient? chatClient, int contextLength = 4096, Action<AgentFrameworkOptions>? configure = null, IChunkIndexFactory? indexFactory = null)
    {
        var services = new ServiceCollection();
        if (chatClient is not null) services.AddSingleton(chatClient);
        services.AddSingleton(new ModelProfile("scripted", contextLength, TokenCounters.Cl100k));
        if (indexFactory is not null) services.AddSingleton(indexFactory);
        services.AddAgentFramework(configure);
        return services.BuildServiceProvider().GetRequiredService<IDocumentAgent>();
    }
}

/// <summary>A tiny in-memory index for unit tests of orchestration only: scores chunks by shared lower-cased words.</summary>
public sealed class FakeChunkIndex : IChunkIndex, IChunkIndexFactory
{
    private readonly List<SearchHit> _chunks = [];

    public List<SearchQuery> Queries { get; } = [];

    public bool Disposed { get; private set; }

    public Task<IChunkIndex> CreateEphemeralAsync(CancellationToken cancellationToken) => Task.FromResult<IChunkIndex>(this);

    public Task<IngestOutcome> AddDocumentAsync(AgentFramework.Documents.Document document, IReadOnlyList<AgentFramework.Chunking.Chunk> chunks, CancellationToken cancellationToken = default)
    {
        foreach (var c in chunks) _chunks.Add(new SearchHit(c, document.Name, 0));
        return Task.FromResult(IngestOutcome.Added);
    }

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        var words = Words(query.Text);
        IReadOnlyList<SearchHit> hits = _chunks
            .Where(h => query.DocumentId is null || h.Chunk.DocumentId == query.DocumentId)
            .Select(h => h with { Score = Words(h.Chunk.Text).Intersect(words).Count() })
            .OrderByDescending(h => h.Score).ThenBy(h => h.Chunk.Start).Take(query.K).ToArray();
        return Task.FromResult(hits);
    }

    private static HashSet<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', '\n', '.', ',', '?', '!'], StringSplitOptions.RemoveEmptyEntries).ToHashSet();

    public Task<bool> RemoveDocumentAsync(string documentIdOrName, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task<IReadOnlyList<IndexedDocument>> ListDocumentsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<IndexedDocument>>([]);

    public Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default) => Task.FromResult(new IndexStats(1, _chunks.Count, 0, "none", 0, "fake"));

    public ValueTask DisposeAsync() { Disposed = true; return ValueTask.CompletedTask; }
}

/// <summary>Documents for the tests: many paragraphs with numbered facts so chunks and citations are checkable.</summary>
public static class TestDocuments
{
    public static string Paragraphs(int count, int sentencesEach = 6) => string.Join("\n\n", Enumerable.Range(1, count).Select(p =>
        string.Join(" ", Enumerable.Range(1, sentencesEach).Select(s => $"In paragraph {p} the sailor number {s} counted {p * 10 + s} barrels of oil on the deck."))));
}

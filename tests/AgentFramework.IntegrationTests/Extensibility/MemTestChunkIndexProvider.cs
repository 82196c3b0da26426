using System.Collections.Concurrent;
using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Stores;

namespace AgentFramework.IntegrationTests.Extensibility;

/// <summary>
/// A store written outside the framework, as a user would add one: <c>memtest://NAME</c> names a process-wide list of
/// chunks that outlives each open (so one command can ingest and the next search), searched by counting query words.
/// </summary>
public sealed class MemTestChunkIndexProvider : IChunkIndexProvider
{
    public const string Scheme = "memtest://";

    private static readonly ConcurrentDictionary<string, MemTestChunkIndex.Contents> Stores = new(StringComparer.Ordinal);

    public string Name => "memtest";

    public string Locations => Scheme + "NAME";

    public bool CanOpen(string location) => location.StartsWith(Scheme, StringComparison.Ordinal);

    public Task<IChunkIndex> OpenAsync(string location, ChunkIndexOpenOptions options, CancellationToken cancellationToken)
    {
        var name = location[Scheme.Length..];
        if (!Stores.TryGetValue(name, out var contents))
        {
            if (!options.CreateIfMissing) throw new UserInputException(location, $"no memtest store '{name}'");
            contents = Stores.GetOrAdd(name, _ => new MemTestChunkIndex.Contents());
        }
        return Task.FromResult<IChunkIndex>(new MemTestChunkIndex(contents));
    }
}

/// <summary>The memtest store: documents and chunks in lists, BM25 replaced by a count of query words in each chunk.</summary>
public sealed class MemTestChunkIndex(MemTestChunkIndex.Contents contents) : IChunkIndex
{
    public sealed class Contents
    {
        public readonly Lock Gate = new();
        public readonly Dictionary<string, (Document Document, IReadOnlyList<Chunk> Chunks, DateTimeOffset At)> ByName = new(StringComparer.Ordinal);
    }

    public Task<IngestOutcome> AddDocumentAsync(Document document, IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default)
    {
        lock (contents.Gate)
        {
            var outcome = !contents.ByName.TryGetValue(document.Name, out var old) ? IngestOutcome.Added
                : old.Document.Id == document.Id ? IngestOutcome.Unchanged : IngestOutcome.Replaced;
            if (outcome != IngestOutcome.Unchanged) contents.ByName[document.Name] = (document, chunks, DateTimeOffset.UtcNow);
            return Task.FromResult(outcome);
        }
    }

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var words = query.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lock (contents.Gate)
        {
            IReadOnlyList<SearchHit> hits = [.. contents.ByName.Values
                .Where(d => query.DocumentId is null || d.Document.Id == query.DocumentId || d.Document.Name == query.DocumentId)
                .SelectMany(d => d.Chunks.Select(c => new SearchHit(c, d.Document.Name, words.Count(w => c.Text.Contains(w, StringComparison.OrdinalIgnoreCase)))))
                .Where(h => h.Score > 0)
                .OrderByDescending(h => h.Score).ThenBy(h => h.Chunk.Id, StringComparer.Ordinal)
                .Take(query.K)];
            return Task.FromResult(hits);
        }
    }

    public Task<bool> RemoveDocumentAsync(string documentIdOrName, CancellationToken cancellationToken = default)
    {
        lock (contents.Gate)
        {
            var name = contents.ByName.Values.FirstOrDefault(d => d.Document.Id == documentIdOrName || d.Document.Name == documentIdOrName).Document?.Name;
            return Task.FromResult(name is not null && contents.ByName.Remove(name));
        }
    }

    public Task<IReadOnlyList<IndexedDocument>> ListDocumentsAsync(CancellationToken cancellationToken = default)
    {
        lock (contents.Gate)
        {
            IReadOnlyList<IndexedDocument> list = [.. contents.ByName.Values.Select(d =>
                new IndexedDocument(d.Document.Id, d.Document.Name, d.Chunks.Count, d.Document.Text.Length, d.At))];
            return Task.FromResult(list);
        }
    }

    public Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        lock (contents.Gate)
            return Task.FromResult(new IndexStats(contents.ByName.Count, contents.ByName.Values.Sum(d => d.Chunks.Count),
                contents.ByName.Values.Sum(d => (long)d.Document.Text.Length), "none (word count)", 0, "memtest"));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the contents outlive the open, as a server's would
}

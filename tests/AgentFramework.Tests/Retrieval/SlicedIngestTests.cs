using System.Text;
using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Ingestion;
using AgentFramework.Retrieval.Stores;
using AgentFramework.Tests.Agents.NastyText;
using Microsoft.Data.Sqlite;

namespace AgentFramework.Tests.Retrieval;

/// <summary>
/// A document of at least <see cref="Ingestor.SlicedCharacters"/> goes to the store in slices while it is being chunked:
/// it must end up exactly as the same document added whole, atomically (a chunker failing half way leaves nothing),
/// on hostile text.
/// </summary>
public sealed class SlicedIngestTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("agentfw-sliced-");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly ChunkingOptions Options = new() { MaxTokens = 96, OverlapTokens = 12 };

    public void Dispose() => _dir.Delete(recursive: true);

    // A file cannot hold a lone surrogate: written as U+FFFD, as any editor would.
    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    // Prose with every nasty entry woven in, past the slicing threshold; without NUL, which makes the loader call a file binary.
    private static string LargeNastyText()
    {
        var text = new StringBuilder();
        var entries = NastyTextCorpus.Entries;
        for (int i = 0; text.Length < Ingestor.SlicedCharacters + 50_000; i++)
        {
            text.Append("The harbour pilot logged tide ").Append(i).Append(" at the breakwater. ");
            if (i % 7 == 0) text.Append(entries[i / 7 % entries.Count].Text.Replace("\0", "", StringComparison.Ordinal)).Append(' ');
            if (i % 40 == 39) text.Append("\n\n");
        }
        return text.ToString();
    }

    private static List<(string Id, int Ordinal, int Start, int End, string Text)> StoredChunks(string store, string name)
    {
        using var connection = new SqliteConnection($"Data Source={store};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT c.chunk_id, c.ordinal, c.start, c.\"end\", c.text FROM chunks c JOIN documents d ON d.row_id = c.document_row WHERE d.name = $n ORDER BY c.ordinal";
        command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, int, int, int, string)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4)));
        return rows;
    }

    [Fact]
    public async Task A_large_document_written_in_slices_equals_the_same_document_added_whole()
    {
        var file = Path.Combine(_dir.FullName, "large.txt");
        await File.WriteAllTextAsync(file, LargeNastyText(), Lenient, Ct);
        var document = await new DocumentLoader().LoadAsync(file, Ct);
        Assert.True(document.Text.Length >= Ingestor.SlicedCharacters);
        var expected = new Chunker().Split(document, Options, Ct);
        Assert.True(expected.Count > 3 * Ingestor.SliceChunks, "the document spans several slices");

        var sliced = Path.Combine(_dir.FullName, "sliced.db");
        var whole = Path.Combine(_dir.FullName, "whole.db");
        IngestSummary summary;
        await using (var index = await SqliteChunkIndex.OpenAsync(sliced, cancellationToken: Ct))
            // A lazy sequence, as Chunker.SplitIncrementally gives: the ingestor must not need a list.
            summary = await new Ingestor(new DocumentLoader(), d => new Chunker().Split(d, Options).Select(c => c), index).IngestAsync([file], null, Ct);
        await using (var index = await SqliteChunkIndex.OpenAsync(whole, cancellationToken: Ct))
            await index.AddDocumentAsync(document, expected, Ct);

        var file1 = Assert.Single(summary.Files);
        Assert.Equal((IngestOutcome.Added, expected.Count), (file1.Outcome!.Value, file1.Chunks));
        var stored = StoredChunks(sliced, document.Name);
        Assert.Equal(StoredChunks(whole, document.Name), stored);
        Assert.Equal(expected.Select(c => (c.Id, c.Index, c.Start, c.End, c.Text)), stored);
        Assert.Equal((long)expected.Count, SqliteFile.Scalar(sliced, "SELECT chunk_count FROM documents"));
        SqliteFile.Scalar(sliced, "INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('integrity-check', 1)");

        await using (var index = await SqliteChunkIndex.OpenAsync(sliced, cancellationToken: Ct))
        {
            var hits = await index.SearchAsync(new SearchQuery("breakwater", 5, SearchMode.Bm25), Ct);
            Assert.All(hits, h => Assert.Equal(document.Text[h.Chunk.Start..h.Chunk.End], h.Chunk.Text));
            var again = await new Ingestor(new DocumentLoader(), d => new Chunker().Split(d, Options), index).IngestAsync([file], null, Ct);
            Assert.Equal(IngestOutcome.Unchanged, Assert.Single(again.Files).Outcome);
        }
    }

    [Fact]
    public async Task A_changed_large_document_replaces_the_old_one_in_slices()
    {
        var file = Path.Combine(_dir.FullName, "large.txt");
        var store = Path.Combine(_dir.FullName, "store.db");
        await File.WriteAllTextAsync(file, LargeNastyText(), Lenient, Ct);
        await using var index = await SqliteChunkIndex.OpenAsync(store, cancellationToken: Ct);
        var ingestor = new Ingestor(new DocumentLoader(), d => new Chunker().Split(d, Options).Select(c => c), index);
        await ingestor.IngestAsync([file], null, Ct);
        await File.AppendAllTextAsync(file, "\n\nA closing note about the lantern room.", Ct);

        var summary = await ingestor.IngestAsync([file], null, Ct);
        Assert.Equal(IngestOutcome.Replaced, Assert.Single(summary.Files).Outcome);
        var document = await new DocumentLoader().LoadAsync(file, Ct);
        Assert.Equal(new Chunker().Split(document, Options, Ct).Select(c => c.Text), StoredChunks(store, document.Name).Select(c => c.Text));
        Assert.Equal(1L, SqliteFile.Scalar(store, "SELECT count(*) FROM documents"));
        SqliteFile.Scalar(store, "INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('integrity-check', 1)");
    }

    [Fact]
    public async Task A_chunker_failing_half_way_leaves_nothing_of_the_document_and_the_earlier_files_stay()
    {
        var small = Path.Combine(_dir.FullName, "a-small.txt");
        var large = Path.Combine(_dir.FullName, "b-large.txt");
        await File.WriteAllTextAsync(small, "A small note about harbour lights.", Ct);
        await File.WriteAllTextAsync(large, LargeNastyText(), Lenient, Ct);
        var store = Path.Combine(_dir.FullName, "store.db");
        IEnumerable<Chunk> FailingHalfWay(Document d)
        {
            int n = 0;
            foreach (var chunk in new Chunker().Split(d, Options))
            {
                if (d.Name.EndsWith("b-large.txt", StringComparison.Ordinal) && ++n == 3 * Ingestor.SliceChunks + 5)
                    throw new InvalidOperationException("chunker broke");
                yield return chunk;
            }
        }
        await using (var index = await SqliteChunkIndex.OpenAsync(store, cancellationToken: Ct))
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                new Ingestor(new DocumentLoader(), FailingHalfWay, index).IngestAsync([small, large], null, Ct));
            Assert.Equal("chunker broke", error.Message);
        }
        Assert.Equal(0L, SqliteFile.Scalar(store, "SELECT count(*) FROM documents WHERE name LIKE '%b-large.txt'"));
        Assert.Equal(0L, SqliteFile.Scalar(store, "SELECT count(*) FROM chunks c JOIN documents d ON d.row_id = c.document_row WHERE d.name LIKE '%b-large.txt'"));
        SqliteFile.Scalar(store, "INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('integrity-check', 1)");
    }

    /// <summary>A store that fails (disk full, say) after taking the first slice of a sliced document.</summary>
    private sealed class FailingAfterOneSlice(IChunkIndex inner) : IChunkIndex
    {
        public Task<IngestOutcome> AddDocumentAsync(Document document, IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default) =>
            inner.AddDocumentAsync(document, chunks, cancellationToken);

        public async Task<IngestOutcome> AddDocumentInSlicesAsync(Document document, IAsyncEnumerable<IReadOnlyList<Chunk>> slices, CancellationToken cancellationToken = default)
        {
            await foreach (var _ in slices.WithCancellation(cancellationToken)) throw new IOException("disk full");
            throw new InvalidOperationException("no slice arrived");
        }

        public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) => inner.SearchAsync(query, cancellationToken);
        public Task<bool> RemoveDocumentAsync(string documentIdOrName, CancellationToken cancellationToken = default) => inner.RemoveDocumentAsync(documentIdOrName, cancellationToken);
        public Task<IReadOnlyList<IndexedDocument>> ListDocumentsAsync(CancellationToken cancellationToken = default) => inner.ListDocumentsAsync(cancellationToken);
        public Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default) => inner.GetStatsAsync(cancellationToken);
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    [Fact]
    public async Task A_store_failing_half_way_through_a_sliced_document_reports_its_error_instead_of_hanging()
    {
        var large = Path.Combine(_dir.FullName, "large.txt");
        await File.WriteAllTextAsync(large, LargeNastyText(), Lenient, Ct);
        await using var index = new FailingAfterOneSlice(await SqliteChunkIndex.CreateInMemoryAsync(cancellationToken: Ct));
        // The chunker stays many slices ahead of the failed write: without stopping it, both sides would wait forever.
        var ingest = new Ingestor(new DocumentLoader(), d => new Chunker().Split(d, Options).Select(c => c), index).IngestAsync([large], null, Ct);
        var finished = await Task.WhenAny(ingest, Task.Delay(TimeSpan.FromSeconds(60), Ct));
        Assert.Same(ingest, finished);
        Assert.Equal("disk full", (await Assert.ThrowsAsync<IOException>(() => ingest)).Message);
    }

    [Fact]
    public async Task Cancelling_a_sliced_ingest_stops_it_and_writes_nothing_of_that_document()
    {
        var large = Path.Combine(_dir.FullName, "large.txt");
        await File.WriteAllTextAsync(large, LargeNastyText(), Lenient, Ct);
        var store = Path.Combine(_dir.FullName, "store.db");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        IEnumerable<Chunk> CancellingHalfWay(Document d)
        {
            int n = 0;
            foreach (var chunk in new Chunker().Split(d, Options))
            {
                if (++n == 2 * Ingestor.SliceChunks) cancel.Cancel();
                yield return chunk;
            }
        }
        await using (var index = await SqliteChunkIndex.OpenAsync(store, cancellationToken: Ct))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new Ingestor(new DocumentLoader(), CancellingHalfWay, index).IngestAsync([large], null, cancel.Token));
        Assert.Equal(0L, SqliteFile.Scalar(store, "SELECT count(*) FROM chunks"));
    }
}

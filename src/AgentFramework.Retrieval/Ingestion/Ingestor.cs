using AgentFramework.Documents.Folders;
using System.Diagnostics;
using System.Threading.Channels;
using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Errors;

namespace AgentFramework.Retrieval.Ingestion;

/// <summary>
/// Loads files, chunks them and adds them to an index, one document per file. Folders are expanded to their files
/// (sorted, hidden entries skipped); a file inside a folder that cannot be loaded is skipped and reported, while a
/// file named explicitly that cannot be loaded stops the run. The index embeds and writes a batch of documents in one
/// transaction, so an interrupted run is completed by running it again (finished files come back Unchanged).
/// "-" ingests standard input as one document named "stdin"; piping the same text again leaves it Unchanged,
/// different text replaces it. Loading and chunking run one stage ahead of the index (embedding and writing), on
/// another core, at most <see cref="PrefetchedDocuments"/> documents ahead. A document of at least
/// <see cref="SlicedCharacters"/> goes to the index in slices of <see cref="SliceChunks"/> chunks as they are made
/// (<see cref="IChunkIndex.AddDocumentInSlicesAsync"/>): with a lazy <paramref name="chunker"/>
/// (<see cref="Chunker.SplitIncrementally"/>) its embedding and writing overlap its own chunking.
/// </summary>
public sealed class Ingestor(IDocumentLoader loader, Func<Document, IEnumerable<Chunk>> chunker, IChunkIndex index)
{
    /// <summary>Loaded and chunked documents waiting for the index; small, so memory stays bounded by a few documents.</summary>
    public const int PrefetchedDocuments = 4;

    /// <summary>
    /// A write batch closes at this many chunks or characters, or at a sixteenth of the run's bytes when that is less
    /// (but not under <see cref="BatchFloorCharacters"/>), or sooner when the writer would idle. The last batch is
    /// embedded and written after chunking has ended, so a large one would be a long single-core tail.
    /// </summary>
    public const int BatchChunks = 4096;

    /// <inheritdoc cref="BatchChunks"/>
    public const long BatchCharacters = 4_000_000;

    /// <inheritdoc cref="BatchChunks"/>
    public const long BatchFloorCharacters = 256 * 1024;

    /// <summary>Documents at least this long are written in slices while being chunked, one transaction each.</summary>
    public const int SlicedCharacters = 512 * 1024;

    /// <summary>Chunks per slice of a sliced document: small enough that the index starts early and ends soon after the chunker.</summary>
    public const int SliceChunks = 64;

    /// <summary>Slices the chunker may run ahead of the index.</summary>
    private const int SlicesAhead = 4;

    public async Task<IngestSummary> IngestAsync(IEnumerable<string> paths, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var files = ExpandPaths(paths);
        long bytesTotal = files.Sum(f => f.Bytes);
        var clock = Stopwatch.StartNew();
        var results = new List<IngestFileResult>(files.Count);
        long bytesDone = 0, chunksDone = 0;
        // Documents already stored under the same name with the same content are not chunked again.
        var stored = (await index.ListDocumentsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(d => d.Name, d => d.DocumentId, StringComparer.Ordinal);
        progress?.Report(new IngestProgress(0, files.Count, 0, 0, bytesTotal, clock.Elapsed, files.FirstOrDefault().Path));

        // Stages on both cores: loading and chunking the next documents overlaps embedding and writing earlier ones
        // (and a sliced document's own chunking). Results keep file order; a failure in any stage stops them all.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var prepared = Channel.CreateBounded<Prepared>(new BoundedChannelOptions(PrefetchedDocuments) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => PrepareAllAsync(files, stored, prepared.Writer, stop.Token), stop.Token);
        // Documents are written in batches, one transaction each (IChunkIndex.AddDocumentsAsync): one batch embeds
        // and then is written under the store's own lock while the next batch gathers and embeds. A batch closes when
        // it is big enough, or when the writer is idle and nothing else is ready (so a slow producer never waits on it).
        var batch = new List<Prepared>();
        int batchChunks = 0;
        long batchCharacters = 0;
        (List<Prepared> Items, Task<IReadOnlyList<IngestOutcome>> Add)? writing = null;
        Exception? slicedWriteFailure = null; // set before a failed sliced write stops the other stages
        async Task FinishWritingAsync()
        {
            if (writing is not { } w) return;
            writing = null;
            var outcomes = await w.Add.ConfigureAwait(false);
            int next = 0;
            foreach (var item in w.Items)
            {
                if (item.Error is not null) { Record(item, new IngestFileResult(item.Path, null, null, 0, item.Bytes, item.Error)); continue; }
                if (item.Chunks is null && item.Slices is null) { Record(item, new IngestFileResult(item.Path, item.Document!.Id, IngestOutcome.Unchanged, 0, item.Bytes, null)); continue; }
                int chunkCount = item.Chunks?.Count ?? item.SlicedChunks;
                chunksDone += chunkCount; // before Record, so the progress it reports counts this file's chunks
                Record(item, new IngestFileResult(item.Path, item.Document!.Id, outcomes[next++], chunkCount, item.Bytes, null));
            }
        }
        void Record(Prepared item, IngestFileResult result)
        {
            results.Add(result);
            bytesDone += item.Bytes;
            progress?.Report(new IngestProgress(results.Count, files.Count, chunksDone, bytesDone, bytesTotal, clock.Elapsed, item.Path));
        }
        async Task CloseBatchAsync()
        {
            var items = batch.ToList();
            var toWrite = items.Where(i => i.Chunks is not null).Select(i => new DocumentChunks(i.Document!, i.Chunks!)).ToList();
            batch.Clear();
            (batchChunks, batchCharacters) = (0, 0);
            await StartWritingAsync(items, toWrite.Count == 0
                ? Task.FromResult<IReadOnlyList<IngestOutcome>>([])
                : Task.Run(() => index.AddDocumentsAsync(toWrite, stop.Token), stop.Token)).ConfigureAwait(false);
        }
        // A large document alone, in slices while the producer still chunks it; whatever was batched before it goes first.
        async Task WriteSlicedAsync(Prepared item)
        {
            if (batch.Count > 0) await CloseBatchAsync().ConfigureAwait(false);
            await StartWritingAsync([item], Task.Run(async () =>
            {
                try
                {
                    return (IReadOnlyList<IngestOutcome>)[await index.AddDocumentInSlicesAsync(item.Document!, item.Slices!.ReadAllAsync(stop.Token), stop.Token).ConfigureAwait(false)];
                }
                catch (Exception e)
                {
                    // The producer may be waiting to hand this write its next slice: stop it, or neither side ever ends.
                    Interlocked.CompareExchange(ref slicedWriteFailure, e, null);
                    await stop.CancelAsync().ConfigureAwait(false);
                    throw;
                }
            }, stop.Token)).ConfigureAwait(false);
        }
        // The new write is started before the previous one is awaited (the store's own lock orders them), so it embeds meanwhile.
        async Task StartWritingAsync(List<Prepared> items, Task<IReadOnlyList<IngestOutcome>> add)
        {
            try { await FinishWritingAsync().ConfigureAwait(false); }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false); // a sliced write would otherwise run to the document's end
                try { await add.ConfigureAwait(false); } catch (Exception) { /* the earlier failure is the one to report */ }
                throw;
            }
            writing = (items, add);
        }
        try
        {
            await foreach (var item in prepared.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                if (item.Bytes != item.ListedBytes) bytesTotal += item.Bytes - item.ListedBytes; // standard input: known once read
                if (item.Slices is not null)
                {
                    await WriteSlicedAsync(item).ConfigureAwait(false);
                    continue;
                }
                batch.Add(item);
                batchChunks += item.Chunks?.Count ?? 0;
                batchCharacters += item.Chunks is null ? 0 : item.Document!.Text.Length;
                bool full = batchChunks >= BatchChunks || batchCharacters >= Math.Clamp(bytesTotal / 16, BatchFloorCharacters, BatchCharacters);
                bool writerIdle = writing is null || writing.Value.Add.IsCompleted;
                if (full || (writerIdle && !prepared.Reader.TryPeek(out _))) await CloseBatchAsync().ConfigureAwait(false);
            }
            if (batch.Count > 0) await CloseBatchAsync().ConfigureAwait(false);
            await FinishWritingAsync().ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            if (writing is { } w) try { await w.Add.ConfigureAwait(false); } catch (Exception) { /* the first failure is the one to report */ }
            try { await producer.ConfigureAwait(false); } catch (Exception) { /* the consumer's failure is the one to report */ }
            // Stopped because a sliced write failed (not by the caller): that failure is the one to report.
            if (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested
                && Volatile.Read(ref slicedWriteFailure) is { } cause and not OperationCanceledException)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            throw;
        }
        await producer.ConfigureAwait(false); // surfaces the producer's own failure, if the channel did not
        return new IngestSummary(results, clock.Elapsed);
    }

    /// <summary>
    /// One file after the first stage: its document and chunks (or, for a large document, the slices still being
    /// made), or Unchanged (neither), or a skip reason.
    /// </summary>
    private sealed record Prepared(string Path, long ListedBytes, long Bytes, Document? Document, IReadOnlyList<Chunk>? Chunks, string? Error)
    {
        public ChannelReader<IReadOnlyList<Chunk>>? Slices { get; init; }

        /// <summary>A sliced document's chunk count, set before its slices are complete (read once its write is done).</summary>
        public int SlicedChunks { get; set; }
    }

    private async Task PrepareAllAsync(IReadOnlyList<(string Path, long Bytes, bool ExplicitlyNamed)> files, Dictionary<string, string> stored,
        ChannelWriter<Prepared> writer, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var (path, listedBytes, explicitlyNamed) in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Document document;
                try
                {
                    document = await loader.LoadAsync(path, cancellationToken).ConfigureAwait(false);
                }
                catch (UserInputException e) when (!explicitlyNamed)
                {
                    await writer.WriteAsync(new Prepared(path, listedBytes, listedBytes, null, null, e.Message), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                // Standard input's size is known only once it has been read.
                long bytes = path == DocumentLoader.StandardInputPath ? System.Text.Encoding.UTF8.GetByteCount(document.Text) : listedBytes;
                bool unchanged = stored.TryGetValue(document.Name, out var storedId) && storedId == document.Id;
                if (!unchanged && document.Text.Length >= SlicedCharacters)
                {
                    await SliceAsync(new Prepared(path, listedBytes, bytes, document, null, null), writer, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var chunks = unchanged ? null : Materialise(chunker(document));
                await writer.WriteAsync(new Prepared(path, listedBytes, bytes, document, chunks, null), cancellationToken).ConfigureAwait(false);
            }
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
            throw;
        }
    }

    private static IReadOnlyList<Chunk> Materialise(IEnumerable<Chunk> chunks) => chunks as IReadOnlyList<Chunk> ?? chunks.ToList();

    // The item goes to the consumer first, so its index write starts with the first slice, not after the last.
    private async Task SliceAsync(Prepared item, ChannelWriter<Prepared> writer, CancellationToken cancellationToken)
    {
        var slices = Channel.CreateBounded<IReadOnlyList<Chunk>>(new BoundedChannelOptions(SlicesAhead) { SingleReader = true, SingleWriter = true });
        item = item with { Slices = slices.Reader };
        await writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        try
        {
            int count = 0;
            var slice = new List<Chunk>(SliceChunks);
            foreach (var chunk in chunker(item.Document!))
            {
                slice.Add(chunk);
                if (slice.Count < SliceChunks) continue;
                count += slice.Count;
                await slices.Writer.WriteAsync(slice, cancellationToken).ConfigureAwait(false);
                slice = new List<Chunk>(SliceChunks);
            }
            if (slice.Count > 0) await slices.Writer.WriteAsync(slice, cancellationToken).ConfigureAwait(false);
            item.SlicedChunks = count + slice.Count;
            slices.Writer.Complete();
        }
        catch (Exception e)
        {
            slices.Writer.Complete(e);
            throw;
        }
    }

    /// <summary>
    /// Files to ingest, in a stable order; every path must exist (checked before anything is written). "-" stands
    /// for standard input (size 0 until read), listed once however often it is given.
    /// </summary>
    public static IReadOnlyList<(string Path, long Bytes, bool ExplicitlyNamed)> ExpandPaths(IEnumerable<string> paths)
    {
        var files = new List<(string, long, bool)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (path == DocumentLoader.StandardInputPath)
            {
                if (seen.Add(path)) files.Add((path, 0, true));
            }
            else if (File.Exists(path))
            {
                if (seen.Add(Path.GetFullPath(path))) files.Add((path, new FileInfo(path).Length, true));
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in FilesUnder(path))
                    if (seen.Add(Path.GetFullPath(file))) files.Add((file, SizeOnDisk(file), false));
            }
            else throw new DocumentLoadException(path, $"'{path}' does not exist: give files or folders to ingest");
        }
        return files;
    }

    // A broken link or a file removed since listing has no size; the loader then skips it with a message.
    private static long SizeOnDisk(string file)
    {
        try { return new FileInfo(file).Length; }
        catch (IOException) { return 0; }
    }

    // The same walk as the document loader's folders (.gitignore honoured; bin/, obj/, .git/, node_modules/ and
    // linked folders skipped), minus hidden entries: each file becomes its own document in the index.
    private static IEnumerable<string> FilesUnder(string folder) =>
        FolderDocumentReader.ListFiles(folder)
            .Where(f => !f.Relative.Split('/').Any(part => part.StartsWith('.')))
            .Select(f => f.FullPath);
}

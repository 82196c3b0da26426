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
/// another core, at most <see cref="PrefetchedDocuments"/> documents ahead.
/// </summary>
public sealed class Ingestor(IDocumentLoader loader, Func<Document, IReadOnlyList<Chunk>> chunker, IChunkIndex index)
{
    /// <summary>Loaded and chunked documents waiting for the index; small, so memory stays bounded by a few documents.</summary>
    public const int PrefetchedDocuments = 4;

    /// <summary>A write batch closes at this many chunks or characters (or sooner when the writer would idle).</summary>
    public const int BatchChunks = 4096;

    /// <inheritdoc cref="BatchChunks"/>
    public const long BatchCharacters = 4_000_000;

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

        // Two stages on two cores: loading and chunking the next documents overlaps embedding and writing this one.
        // Results keep file order; a failure in either stage stops both.
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
        async Task FinishWritingAsync()
        {
            if (writing is not { } w) return;
            writing = null;
            var outcomes = await w.Add.ConfigureAwait(false);
            int next = 0;
            foreach (var item in w.Items)
            {
                if (item.Error is not null) { Record(item, new IngestFileResult(item.Path, null, null, 0, item.Bytes, item.Error)); continue; }
                if (item.Chunks is null) { Record(item, new IngestFileResult(item.Path, item.Document!.Id, IngestOutcome.Unchanged, 0, item.Bytes, null)); continue; }
                chunksDone += item.Chunks.Count; // before Record, so the progress it reports counts this file's chunks
                Record(item, new IngestFileResult(item.Path, item.Document!.Id, outcomes[next++], item.Chunks.Count, item.Bytes, null));
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
            var add = toWrite.Count == 0
                ? Task.FromResult<IReadOnlyList<IngestOutcome>>([])
                : Task.Run(() => index.AddDocumentsAsync(toWrite, stop.Token), stop.Token);
            try { await FinishWritingAsync().ConfigureAwait(false); }
            catch
            {
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
                batch.Add(item);
                batchChunks += item.Chunks?.Count ?? 0;
                batchCharacters += item.Chunks is null ? 0 : item.Document!.Text.Length;
                bool full = batchChunks >= BatchChunks || batchCharacters >= BatchCharacters;
                bool writerIdle = writing is null || writing.Value.Add.IsCompleted;
                if (full || (writerIdle && !prepared.Reader.TryPeek(out _))) await CloseBatchAsync().ConfigureAwait(false);
            }
            if (batch.Count > 0) await CloseBatchAsync().ConfigureAwait(false);
            await FinishWritingAsync().ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            if (writing is { } w) try { await w.Add.ConfigureAwait(false); } catch (Exception) { /* the first failure is the one to report */ }
            try { await producer.ConfigureAwait(false); } catch (Exception) { /* the consumer's failure is the one to report */ }
            throw;
        }
        await producer.ConfigureAwait(false); // surfaces the producer's own failure, if the channel did not
        return new IngestSummary(results, clock.Elapsed);
    }

    /// <summary>One file after the first stage: its document and chunks, or Unchanged (no chunks), or a skip reason.</summary>
    private sealed record Prepared(string Path, long ListedBytes, long Bytes, Document? Document, IReadOnlyList<Chunk>? Chunks, string? Error);

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
                await writer.WriteAsync(new Prepared(path, listedBytes, bytes, document, unchanged ? null : chunker(document), null), cancellationToken).ConfigureAwait(false);
            }
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
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

using AgentFramework.Documents.Folders;
using System.Diagnostics;
using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Errors;

namespace AgentFramework.Retrieval.Ingestion;

/// <summary>
/// Loads files, chunks them and adds them to an index, one document per file. Folders are expanded to their files
/// (sorted, hidden entries skipped); a file inside a folder that cannot be loaded is skipped and reported, while a
/// file named explicitly that cannot be loaded stops the run. The index embeds and writes each document in one
/// transaction, so an interrupted run is completed by running it again (finished files come back Unchanged).
/// "-" ingests standard input as one document named "stdin"; piping the same text again leaves it Unchanged,
/// different text replaces it.
/// </summary>
public sealed class Ingestor(IDocumentLoader loader, Func<Document, IReadOnlyList<Chunk>> chunker, IChunkIndex index)
{
    public async Task<IngestSummary> IngestAsync(IEnumerable<string> paths, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var files = ExpandPaths(paths);
        long bytesTotal = files.Sum(f => f.Bytes);
        var clock = Stopwatch.StartNew();
        var results = new List<IngestFileResult>(files.Count);
        long bytesDone = 0, chunksDone = 0;
        // Documents already stored under the same name with the same content are not chunked again.
        var stored = (await index.ListDocumentsAsync(cancellationToken)).ToDictionary(d => d.Name, d => d.DocumentId, StringComparer.Ordinal);
        progress?.Report(new IngestProgress(0, files.Count, 0, 0, bytesTotal, clock.Elapsed, files.FirstOrDefault().Path));

        foreach (var (path, listedBytes, explicitlyNamed) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Document document;
            long bytes = listedBytes;
            try
            {
                document = await loader.LoadAsync(path, cancellationToken);
            }
            catch (UserInputException e) when (!explicitlyNamed)
            {
                results.Add(new IngestFileResult(path, null, null, 0, bytes, e.Message));
                bytesDone += bytes;
                progress?.Report(new IngestProgress(results.Count, files.Count, chunksDone, bytesDone, bytesTotal, clock.Elapsed, path));
                continue;
            }
            if (path == DocumentLoader.StandardInputPath)
            {
                // Standard input's size is known only once it has been read.
                bytes = System.Text.Encoding.UTF8.GetByteCount(document.Text);
                bytesTotal += bytes;
            }
            if (stored.TryGetValue(document.Name, out var storedId) && storedId == document.Id)
            {
                results.Add(new IngestFileResult(path, document.Id, IngestOutcome.Unchanged, 0, bytes, null));
                bytesDone += bytes;
                progress?.Report(new IngestProgress(results.Count, files.Count, chunksDone, bytesDone, bytesTotal, clock.Elapsed, path));
                continue;
            }
            var chunks = chunker(document);
            var outcome = await index.AddDocumentAsync(document, chunks, cancellationToken);
            results.Add(new IngestFileResult(path, document.Id, outcome, chunks.Count, bytes, null));
            bytesDone += bytes;
            chunksDone += chunks.Count;
            progress?.Report(new IngestProgress(results.Count, files.Count, chunksDone, bytesDone, bytesTotal, clock.Elapsed, path));
        }
        return new IngestSummary(results, clock.Elapsed);
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

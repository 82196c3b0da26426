using System.Globalization;
using System.CommandLine;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Retrieval.Ingestion;
using AgentFramework.Retrieval.Stores;

namespace AgentFramework.Cli.Commands;

/// <summary><c>agentfw ingest PATH... --store LOCATION</c>: load, chunk, embed and index files.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders to ingest (folders: every file inside, one document each); - reads standard input as one document named stdin", Arity = ArgumentArity.OneOrMore };
        var store = new Option<string>("--store") { Description = "Store: a SQLite file path, or a PostgreSQL connection string (postgres://... or Host=...)", Required = true };
        var embeddingModel = new Option<string?>("--embedding-model") { Description = "ONNX embedding model folder, e.g. a BERT-style encoder with vocab.txt (default: what the store was built with; for a new store the built-in hashing embedding)" };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Chunk size in tokens", DefaultValueFactory = _ => 512 };
        var overlap = new Option<int>("--overlap") { Description = "Overlap between neighbouring chunks in tokens", DefaultValueFactory = _ => 64 };

        var command = new Command("ingest",
            "Add files to a chunk index (BM25 + vectors). Re-running skips unchanged files and replaces changed ones; an interrupted run resumes.\n" +
            "Example: agentfw ingest ../shared/data/sotu --store sotu.db\n" +
            "Example: cat notes.txt | agentfw ingest - --store notes.db");
        command.Arguments.Add(paths);
        command.Options.Add(store);
        command.Options.Add(embeddingModel);
        command.Options.Add(maxTokens);
        command.Options.Add(overlap);

        CommandAction.Set(command, async (parse, settings, ct) =>
        {
            var chunker = RetrievalSetup.Chunker(settings, parse.GetValue(maxTokens), parse.GetValue(overlap));
            var inputs = parse.GetValue(paths) ?? [];
            Ingestor.ExpandPaths(inputs); // every path must exist before the store is touched
            using var generator = RetrievalSetup.EmbeddingGenerator(parse.GetValue(embeddingModel));
            await using var index = await ChunkIndexProviders.Default.OpenAsync(parse.GetValue(store)!, new ChunkIndexOpenOptions { EmbeddingGenerator = generator, CreateIfMissing = true }, ct);
            var ingestor = new Ingestor(RetrievalSetup.DocumentLoader(), chunker, index);
            var summary = await ProgressBoard.RunAsync(board =>
            {
                var files = board.Add("ingest", "files", 0);
                var progress = new SynchronousProgress<IngestProgress>(p => files.Update(p.FilesDone, p.FilesTotal,
                    string.Create(CultureInfo.InvariantCulture, $"{p.ChunksDone} chunks, {p.BytesDone / 1e6:0.0}/{p.BytesTotal / 1e6:0.0} MB, {p.MegabytesPerSecond:0.00} MB/s{(p.CurrentFile is null ? "" : ", " + p.CurrentFile)}")));
                return ingestor.IngestAsync(inputs, progress, ct);
            });
            var stats = await index.GetStatsAsync(ct);

            if (settings.Json)
            {
                CliJson.Write(new
                {
                    Files = summary.Files.Count, summary.Added, summary.Replaced, summary.Unchanged, Skipped = summary.SkippedCount,
                    summary.Chunks, summary.Bytes, Seconds = Math.Round(summary.Elapsed.TotalSeconds, 3), MbPerSecond = Math.Round(summary.MegabytesPerSecond, 3),
                    Store = stats, SkippedFiles = summary.Files.Where(f => f.Skipped is not null).Select(f => new { f.Path, Reason = f.Skipped }),
                });
            }
            else
            {
                foreach (var skipped in summary.Files.Where(f => f.Skipped is not null))
                    Console.Error.WriteLine($"skipped: {skipped.Skipped}");
                Console.WriteLine($"ingested {summary.Files.Count} files ({summary.Added} added, {summary.Replaced} replaced, {summary.Unchanged} unchanged, {summary.SkippedCount} skipped): " +
                                  $"{summary.Chunks} chunks, {summary.Bytes / 1e6:F1} MB in {summary.Elapsed.TotalSeconds:F1} s ({summary.MegabytesPerSecond:F2} MB/s)");
                Console.WriteLine($"store: {stats.Backend}: {stats.Documents} documents, {stats.Chunks} chunks; embedding {stats.EmbeddingModel}, {stats.EmbeddingDimensions} dims");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}

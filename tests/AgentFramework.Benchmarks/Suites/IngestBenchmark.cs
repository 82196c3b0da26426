using System.Text.Json;
using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Embeddings;
using AgentFramework.Retrieval.Ingestion;
using AgentFramework.Retrieval.Stores;
using AgentFramework.Tests.Retrieval;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>
/// Ingest into the embedded SQLite store (hashing embedding, cl100k, 512-token chunks, 64 overlap) against loading and
/// chunking the same files alone (what <c>agentfw chunk</c> does), in the same run, interleaved for <c>--repeat</c>
/// rounds (medians, wall and CPU), each ingest into a fresh store; the same ingest with the first (string-per-feature)
/// hashing embedding implementation is the "before". Then the stages alone, once per round: embedding every chunk
/// (also with the first implementation), and writing precomputed vectors in the ingestor's batches (no overlap; FTS5
/// indexing is most of it), so the cost of each is visible.
/// Target (issue 15): ingest ≤ 1.3× chunking alone by wall time. Two figures say what any pipeline can reach on the
/// machine: the parallel speedup (the same chunking twice at once on two threads, against once; 2 on two free cores)
/// and the stages' CPU summed, against chunking's (the work the pipeline spreads over the cores).
/// Then the same as users run it (<see cref="IngestCommandVsChunkCommand"/>): <c>agentfw ingest</c> against <c>agentfw chunk</c>.
/// Usage: ingest [--corpus sotu,kjv,moby | a file or folder] [--repeat 3]
/// </summary>
public static class IngestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback; }
        int repeat = int.Parse(Arg("--repeat", "3"));
        var shared = BenchTiming.FindShared();
        var corpora = new List<(string Name, string Path)>();
        foreach (var name in Arg("--corpus", "sotu,kjv,moby").Split(','))
        {
            string? path = name switch
            {
                "kjv" => shared is null ? null : Path.Combine(shared, "data", "debian-pd-texts", "kjv-bible.txt"),
                "moby" => shared is null ? null : Path.Combine(shared, "data", "moby-dick", "moby-dick.txt"),
                "sotu" => shared is null ? null : Path.Combine(shared, "data", "sotu"),
                _ => File.Exists(name) || Directory.Exists(name) ? name : null,
            };
            if (path is null || !(File.Exists(path) || Directory.Exists(path)))
            {
                Console.Error.WriteLine($"ingest: corpus '{name}' not found (kjv, moby and sotu need ../shared/data; or give a file or folder)");
                return 2;
            }
            corpora.Add((name, path));
        }

        var work = Directory.CreateTempSubdirectory("agentfw-ingest-bench-");
        try
        {
            var chunker = new Chunker(TokenCounters.Cl100k);
            // Warm-up: every path's JIT (loader, chunker, embedder, store), so neither side pays it alone.
            var warmFile = Path.Combine(work.FullName, "warm-up.txt");
            await File.WriteAllTextAsync(warmFile, string.Concat(Enumerable.Repeat("Warm up the tokenizer. And the store too, please.\n\n", 2000)));
            await IngestOnceAsync(warmFile, Path.Combine(work.FullName, "warm-up.db"), chunker);
            await ChunkAloneAsync(warmFile, chunker);

            var results = new List<object>();
            foreach (var (name, path) in corpora)
            {
                Console.Error.WriteLine($"ingest: {name}...");
                results.Add(await MeasureCorpusAsync(name, path, repeat, chunker, work.FullName));
            }
            var commands = new List<object>();
            foreach (var (name, path) in corpora)
            {
                Console.Error.WriteLine($"ingest: {name}, agentfw ingest vs agentfw chunk...");
                commands.Add(await IngestCommandVsChunkCommand.MeasureAsync(name, path, repeat, work.FullName));
            }
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                suite = "ingest",
                machine = new { Environment.ProcessorCount, runtime = Environment.Version.ToString() },
                embedding = new HashingEmbeddingGenerator().ModelName,
                chunking = "cl100k, 512 tokens, 64 overlap",
                repeat,
                corpora = results,
                commands,
            }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<object> MeasureCorpusAsync(string name, string path, int repeat, Chunker chunker, string work)
    {
        var alone = new List<BenchTiming>();
        var pairs = new List<BenchTiming>();
        var ingest = new List<BenchTiming>();
        var ingestReference = new List<BenchTiming>();
        var embed = new List<BenchTiming>();
        var write = new List<BenchTiming>();
        var embedReference = new List<BenchTiming>();
        IngestSummary? summary = null;
        for (int r = 0; r < repeat; r++)
        {
            alone.Add(await BenchTiming.OfAsync(() => ChunkAloneAsync(path, chunker)));
            // What a second core gives on this machine: the same load-and-chunk twice at once, on two threads.
            pairs.Add(await BenchTiming.OfAsync(() => Task.WhenAll(Task.Run(() => ChunkAloneAsync(path, chunker)), Task.Run(() => ChunkAloneAsync(path, chunker)))));
            var store = Path.Combine(work, $"{name}-{r}.db");
            ingest.Add(await BenchTiming.OfAsync(async () => summary = await IngestOnceAsync(path, store, chunker)));
            DeleteStore(store);
            // Before: the same ingest with the first embedding implementation (same vectors, bit for bit).
            ingestReference.Add(await BenchTiming.OfAsync(() => IngestOnceAsync(path, store, chunker, new ReferenceEmbedding())));
            DeleteStore(store);

            // The stages alone, on chunks made beforehand (not timed).
            var documents = new List<DocumentChunks>();
            foreach (var (file, _, _) in Ingestor.ExpandPaths([path]))
            {
                var document = await new DocumentLoader().LoadAsync(file);
                documents.Add(new DocumentChunks(document, chunker.Split(document, new ChunkingOptions())));
            }
            var texts = documents.SelectMany(d => d.Chunks).Select(c => c.Text).ToList();
            var hashing = new HashingEmbeddingGenerator();
            float[][] vectors = [];
            embed.Add(BenchTiming.Of(() => vectors = texts.Select(hashing.Embed).ToArray()));
            embedReference.Add(BenchTiming.Of(() => texts.ForEach(t => ReferenceHashingEmbedding.Embed(t, hashing.Dimensions))));
            var writeStore = Path.Combine(work, $"{name}-{r}-write.db");
            write.Add(await BenchTiming.OfAsync(() => WriteAloneAsync(documents, vectors, writeStore)));
            DeleteStore(writeStore);
        }
        var a = BenchTiming.Median(alone);
        // 2.0 on two free cores; less where the two share execution resources (vCPUs on one physical core, a host's quota).
        double parallelSpeedup = 2 * a.Wall / BenchTiming.Median(pairs).Wall;
        // The stages' work, each timed alone: what the pipeline spreads over the cores.
        double stagesCpu = a.Cpu + BenchTiming.Median(embed).Cpu + BenchTiming.Median(write).Cpu;
        var i = BenchTiming.Median(ingest);
        return new
        {
            Corpus = name, Files = summary!.Files.Count, summary.Chunks, Megabytes = Math.Round(summary.Bytes / 1e6, 2),
            LoadAndChunkAlone = a.Rounded(), Ingest = i.Rounded(),
            // Target ≤ 1.3 (wall).
            IngestVsChunkingAlone = Math.Round(i.Wall / a.Wall, 2),
            IngestVsChunkingAloneCpu = Math.Round(i.Cpu / a.Cpu, 2),
            IngestWithReferenceEmbedding = BenchTiming.Median(ingestReference).Rounded(),
            IngestWithReferenceEmbeddingVsChunkingAlone = Math.Round(BenchTiming.Median(ingestReference).Wall / a.Wall, 2),
            IngestWithReferenceEmbeddingVsChunkingAloneCpu = Math.Round(BenchTiming.Median(ingestReference).Cpu / a.Cpu, 2),
            EmbedAlone = BenchTiming.Median(embed).Rounded(),
            // The first (string per feature) implementation of the same vectors, bit-identical (the tests' oracle).
            EmbedReferenceImplementation = BenchTiming.Median(embedReference).Rounded(),
            WriteAlone = BenchTiming.Median(write).Rounded(),
            PerRound = ingest.Zip(alone, (x, y) => Math.Round(x.Wall / y.Wall, 2)).ToList(),
            TwoChunkingsAtOnce = BenchTiming.Median(pairs).Rounded(),
            ParallelSpeedup = Math.Round(parallelSpeedup, 2),
            StagesCpuVsChunkingAlone = Math.Round(stagesCpu / a.Cpu, 2),
        };
    }

    private static async Task ChunkAloneAsync(string path, Chunker chunker)
    {
        var loader = new DocumentLoader();
        foreach (var (file, _, _) in Ingestor.ExpandPaths([path])) chunker.Split(await loader.LoadAsync(file), new ChunkingOptions());
    }

    private static async Task<IngestSummary> IngestOnceAsync(string path, string store, Chunker chunker, IEmbeddingGenerator<string, Embedding<float>>? embedding = null)
    {
        await using var index = await SqliteChunkIndex.OpenAsync(store, embedding ?? new HashingEmbeddingGenerator());
        return await new Ingestor(new DocumentLoader(), d => chunker.SplitIncrementally(d, new ChunkingOptions()), index).IngestAsync([path]);
    }

    // The ingestor's batching, one batch after another, with vectors computed beforehand: SQLite's share alone.
    private static async Task WriteAloneAsync(List<DocumentChunks> documents, float[][] vectors, string store)
    {
        var preset = new SequentialVectors(vectors);
        await using var index = await SqliteChunkIndex.OpenAsync(store, preset);
        var batch = new List<DocumentChunks>();
        int chunks = 0;
        long characters = 0;
        foreach (var d in documents)
        {
            batch.Add(d);
            chunks += d.Chunks.Count;
            characters += d.Document.Text.Length;
            if (chunks >= Ingestor.BatchChunks || characters >= Ingestor.BatchCharacters)
            {
                await index.AddDocumentsAsync(batch);
                (batch, chunks, characters) = ([], 0, 0);
            }
        }
        if (batch.Count > 0) await index.AddDocumentsAsync(batch);
    }

    private static void DeleteStore(string store)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(store + suffix);
    }

    /// <summary>The first hashing embedding implementation under the same model name: the "before" of the same run.</summary>
    private sealed class ReferenceEmbedding : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly EmbeddingGeneratorMetadata _metadata = new("benchmark", null, new HashingEmbeddingGenerator().ModelName, HashingEmbeddingGenerator.DefaultDimensions);

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(ReferenceHashingEmbedding.Embed(v, HashingEmbeddingGenerator.DefaultDimensions)))));

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : null;

        public void Dispose() { }
    }

    /// <summary>Hands out precomputed vectors in call order under the hashing embedding's name (so the store accepts them).</summary>
    private sealed class SequentialVectors(float[][] vectors) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly EmbeddingGeneratorMetadata _metadata = new("benchmark", null, new HashingEmbeddingGenerator().ModelName, HashingEmbeddingGenerator.DefaultDimensions);
        private int _next;

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var result = new GeneratedEmbeddings<Embedding<float>>();
            foreach (var _ in values) result.Add(new Embedding<float>(vectors[_next++]));
            return Task.FromResult(result);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : null;

        public void Dispose() { }
    }
}

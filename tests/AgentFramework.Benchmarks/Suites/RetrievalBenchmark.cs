using System.Diagnostics;
using System.Text.Json;
using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Embeddings;
using AgentFramework.Retrieval.Ingestion;
using AgentFramework.Retrieval.Stores;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>
/// Retrieval figures, printed as one JSON object: ingest rate of the embedded store on the State of the Union corpus,
/// query latency per mode on it, exact search over 1M random vectors, recall of pgvector's HNSW against exact search
/// (when AGENTFW_PGVECTOR_CS is set), and needle recall@5 per mode in the Paul Graham essays.
/// Usage: AgentFramework.Benchmarks retrieval [--vectors 1000000] [--hnsw-vectors 20000]
/// </summary>
public static class RetrievalBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int millionVectors = IntArg(args, "--vectors", 1_000_000);
        int hnswVectors = IntArg(args, "--hnsw-vectors", 20_000);
        // --parts ingest,latency,exact,hnsw,needles runs a subset (default: all).
        int partsAt = Array.IndexOf(args, "--parts");
        var parts = partsAt >= 0 && partsAt + 1 < args.Length ? args[partsAt + 1].Split(',').ToHashSet() : ["ingest", "latency", "exact", "hnsw", "needles"];
        var shared = FindShared();
        if (shared is null)
        {
            Console.Error.WriteLine("retrieval benchmark: ../shared not found (set AGENTFW_SHARED_DIR)");
            return 2;
        }
        var work = Directory.CreateTempSubdirectory("agentfw-retrieval-bench-");
        var report = new Dictionary<string, object?>
        {
            ["machine"] = new { Environment.ProcessorCount, Runtime = Environment.Version.ToString(), Os = Environment.OSVersion.ToString() },
            ["embedding"] = new HashingEmbeddingGenerator().ModelName,
        };
        try
        {
            var sotuStore = Path.Combine(work.FullName, "sotu.db");
            if (parts.Contains("ingest") || parts.Contains("latency")) report["ingest_sotu"] = await IngestSotuAsync(Path.Combine(shared, "data", "sotu"), sotuStore);
            if (parts.Contains("latency")) report["query_latency_sotu"] = await QueryLatencyAsync(sotuStore);
            if (parts.Contains("exact")) report["exact_vector_search"] = ExactSearch(millionVectors);
            GC.Collect();
            if (parts.Contains("hnsw")) report["hnsw_recall"] = await HnswRecallAsync(hnswVectors);
            if (parts.Contains("needles")) report["needle_recall"] = await NeedleRecallAsync(Path.Combine(shared, "data", "paul-graham-essays"), work.FullName);
        }
        finally
        {
            work.Delete(recursive: true);
        }
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        return 0;
    }

    private static async Task<object> IngestSotuAsync(string corpus, string store)
    {
        Console.Error.WriteLine("retrieval: ingesting sotu into the embedded store...");
        var chunkClock = new Stopwatch();
        var chunker = new Chunker(TokenCounters.Cl100k);
        IReadOnlyList<Chunk> TimedChunker(Document d) { chunkClock.Start(); try { return chunker.Split(d, new ChunkingOptions()); } finally { chunkClock.Stop(); } }
        var embedder = new TimedEmbeddingGenerator(new HashingEmbeddingGenerator());
        await using var index = await SqliteChunkIndex.OpenAsync(store, embedder);
        // The peer in the same run, first so neither side pays the JIT alone: loading and chunking the same files one
        // after another (what `agentfw chunk` does). CPU time too: on a shared machine wall time includes waiting.
        // Warm first: the cl100k vocabulary and the chunker's JIT would otherwise be paid by the peer alone and flatter
        // the ratio (the ingest suite measures it warm, with repeats).
        chunker.Split(Document.FromText(string.Concat(Enumerable.Repeat("Warm up the tokenizer. And the chunker too.\n\n", 400)), "warm-up"), new ChunkingOptions());
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var aloneClock = Stopwatch.StartNew();
        var loader = new DocumentLoader();
        foreach (var (path, _, _) in Ingestor.ExpandPaths([corpus])) chunker.Split(await loader.LoadAsync(path), new ChunkingOptions());
        double chunkAloneSeconds = aloneClock.Elapsed.TotalSeconds;
        process.Refresh();
        double chunkAloneCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        cpuBefore = process.TotalProcessorTime;
        var summary = await new Ingestor(new DocumentLoader(), TimedChunker, index).IngestAsync([corpus]);
        process.Refresh();
        double ingestCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        return new
        {
            LoadAndChunkAloneSeconds = Math.Round(chunkAloneSeconds, 2),
            IngestVsChunkingAlone = Math.Round(summary.Elapsed.TotalSeconds / chunkAloneSeconds, 2),
            LoadAndChunkAloneCpuSeconds = Math.Round(chunkAloneCpu, 2), IngestCpuSeconds = Math.Round(ingestCpu, 2),
            Files = summary.Files.Count, summary.Chunks, Megabytes = Math.Round(summary.Bytes / 1e6, 2),
            Seconds = Math.Round(summary.Elapsed.TotalSeconds, 2), MbPerSecond = Math.Round(summary.MegabytesPerSecond, 3),
            ChunkingSeconds = Math.Round(chunkClock.Elapsed.TotalSeconds, 2), EmbeddingSeconds = Math.Round(embedder.Elapsed.TotalSeconds, 2),
            // Stage times overlap (loading and chunking run ahead of embedding and writing), so they do not add up to Seconds.
            Chunking = "Chunker, cl100k, 512 tokens, 64 overlap",
        };
    }

    private static async Task<object> QueryLatencyAsync(string store)
    {
        Console.Error.WriteLine("retrieval: query latency...");
        await using var index = await SqliteChunkIndex.OpenAsync(store, createIfMissing: false);
        // Queries: 8-word windows from random places in the corpus (deterministic), so every query has real matches.
        var texts = (await index.SearchAsync(new SearchQuery("the people of the united states congress", 200, SearchMode.Bm25))).Select(h => h.Chunk.Text).ToList();
        var random = new Random(42);
        var queries = Enumerable.Range(0, 200).Select(_ =>
        {
            var words = texts[random.Next(texts.Count)].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            int at = random.Next(Math.Max(1, words.Length - 8));
            return string.Join(' ', words.Skip(at).Take(8));
        }).ToList();

        var firstVector = Stopwatch.StartNew();
        await index.SearchAsync(new SearchQuery(queries[0], 10, SearchMode.Vector)); // loads the vector matrix
        double matrixLoadMs = firstVector.Elapsed.TotalMilliseconds;
        var result = new Dictionary<string, object> { ["queries"] = queries.Count, ["k"] = 10, ["first_vector_query_ms_including_matrix_load"] = Math.Round(matrixLoadMs, 2) };
        foreach (var mode in new[] { SearchMode.Bm25, SearchMode.Vector, SearchMode.Hybrid })
        {
            foreach (var q in queries.Take(10)) await index.SearchAsync(new SearchQuery(q, 10, mode)); // warm-up
            var times = new List<double>();
            foreach (var q in queries)
            {
                var clock = Stopwatch.StartNew();
                await index.SearchAsync(new SearchQuery(q, 10, mode));
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            result[mode.ToString().ToLowerInvariant()] = new { P50Ms = Percentile(times, 50), P99Ms = Percentile(times, 99), MeanMs = Math.Round(times.Average(), 3) };
        }
        result["chunks"] = (await index.GetStatsAsync()).Chunks;
        return result;
    }

    private static object ExactSearch(int count)
    {
        const int dimensions = 384;
        Console.Error.WriteLine($"retrieval: exact search over {count:N0} random {dimensions}-d vectors ({count * (long)dimensions * 4 / 1e9:F2} GB)...");
        var random = new Random(1);
        var index = new ExactVectorIndex(dimensions, count);
        var row = new float[dimensions];
        var build = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            for (int d = 0; d < dimensions; d++) row[d] = Gaussian(random);
            index.Add(i, row);
        }
        double buildSeconds = build.Elapsed.TotalSeconds;
        var times = new List<double>();
        for (int q = 0; q < 30; q++)
        {
            for (int d = 0; d < dimensions; d++) row[d] = Gaussian(random);
            var clock = Stopwatch.StartNew();
            index.Search(row, 10);
            if (q >= 3) times.Add(clock.Elapsed.TotalMilliseconds); // first queries warm the JIT and caches
        }
        return new
        {
            Vectors = count, Dimensions = dimensions, K = 10, Queries = times.Count, P50Ms = Percentile(times, 50), P99Ms = Percentile(times, 99),
            FillSeconds = Math.Round(buildSeconds, 2), ThreadsUsed = Environment.ProcessorCount,
            Throughput = $"{count / (Percentile(times, 50) / 1000) / 1e6:F1}M vectors/s",
        };
    }

    private static async Task<object> HnswRecallAsync(int count)
    {
        var connectionString = Environment.GetEnvironmentVariable("AGENTFW_PGVECTOR_CS");
        if (string.IsNullOrEmpty(connectionString)) return new { Skipped = "AGENTFW_PGVECTOR_CS is not set" };
        const int dimensions = 384, queries = 100, k = 10;
        Console.Error.WriteLine($"retrieval: pgvector HNSW recall on {count:N0} vectors...");
        var random = new Random(3);
        var vectors = Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, dimensions).Select(_ => Gaussian(random)).ToArray()).ToArray();
        var queryVectors = Enumerable.Range(0, queries).Select(_ => Enumerable.Range(0, dimensions).Select(_ => Gaussian(random)).ToArray()).ToArray();
        var generator = new PresetEmbeddingGenerator(vectors, queryVectors, dimensions);

        var exact = new ExactVectorIndex(dimensions, count);
        for (int i = 0; i < count; i++) exact.Add(i, vectors[i]);

        // One document whose chunks are the words "v0 v1 ...": each chunk's embedding is the preset vector of its word.
        var text = string.Join(' ', Enumerable.Range(0, count).Select(i => "v" + i));
        var document = Document.FromText(text, "random-vectors");
        var chunks = new List<Chunk>(count);
        int position = 0;
        for (int i = 0; i < count; i++)
        {
            var word = "v" + i;
            chunks.Add(new Chunk($"c{i}", document.Id, i, position, position + word.Length, word, 1, null));
            position += word.Length + 1;
        }
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..10];
        var location = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema, CommandTimeout = 0 }.ConnectionString;
        // The store creates its HNSW index up front (so every insert maintains it). For this bulk load the index is
        // dropped, the rows inserted through the store, and the index rebuilt once: pgvector's bulk build. (Inserting
        // into a live HNSW index on PGlite was very slow here and gave non-reproducible results above ~4k rows.)
        var insertClock = Stopwatch.StartNew();
        await (await PgVectorChunkIndex.OpenAsync(location, generator)).DisposeAsync();
        string? hnswDefinition = null;
        await using (var connection = await PostgresConnector.OpenAsync(connectionString, CancellationToken.None))
        {
            await using var find = new Npgsql.NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND indexdef LIKE '%hnsw%'", connection);
            find.Parameters.Add(new Npgsql.NpgsqlParameter { Value = schema });
            string? name = null;
            await using (var reader = await find.ExecuteReaderAsync())
                if (await reader.ReadAsync()) (name, hnswDefinition) = (reader.GetString(0), reader.GetString(1));
            await using var drop = new Npgsql.NpgsqlCommand($"DROP INDEX {schema}.{name}", connection);
            await drop.ExecuteNonQueryAsync();
        }
        await using (var loader = await PgVectorChunkIndex.OpenAsync(location, generator))
            await loader.AddDocumentAsync(document, chunks);
        double rowsSeconds = insertClock.Elapsed.TotalSeconds;
        await using (var connection = await PostgresConnector.OpenAsync(connectionString, CancellationToken.None))
        await using (var build = new Npgsql.NpgsqlCommand(hnswDefinition!, connection) { CommandTimeout = 0 })
            await build.ExecuteNonQueryAsync();
        double buildSeconds = insertClock.Elapsed.TotalSeconds - rowsSeconds;
        var index = await PgVectorChunkIndex.OpenAsync(location, generator);
        try
        {
            var perEf = new Dictionary<string, object>();
            // Cross-check of the ground truth: pgvector's own exact scan (a document filter bypasses the HNSW index).
            double agreement = 0;
            for (int q = 0; q < queries; q++)
            {
                var truth = exact.Search(queryVectors[q], k).Select(h => (int)h.Key).ToHashSet();
                var scan = await index.SearchAsync(new SearchQuery("q" + q, k, SearchMode.Vector, document.Id));
                agreement += scan.Count(h => truth.Contains(h.Chunk.Index)) / (double)k;
            }
            perEf["exact_scan_in_postgres"] = new { RecallAt10 = Math.Round(agreement / queries, 4) };
            foreach (var ef in EfSweep)
            {
                index.HnswEfSearch = ef;
                double recallSum = 0;
                var times = new List<double>();
                for (int q = 0; q < queries; q++)
                {
                    var truth = exact.Search(queryVectors[q], k).Select(h => (int)h.Key).ToHashSet();
                    var clock = Stopwatch.StartNew();
                    var hits = await index.SearchAsync(new SearchQuery("q" + q, k, SearchMode.Vector));
                    times.Add(clock.Elapsed.TotalMilliseconds);
                    recallSum += hits.Count(h => truth.Contains(h.Chunk.Index)) / (double)k;
                }
                int repeat = 1;
                while (perEf.ContainsKey($"ef_search_{ef}_run{repeat}")) repeat++;
                perEf[$"ef_search_{ef}_run{repeat}"] = new { RecallAt10 = Math.Round(recallSum / queries, 4), P50Ms = Percentile(times, 50) };
            }
            return new { Vectors = count, Dimensions = dimensions, Queries = queries, Server = "as given by AGENTFW_PGVECTOR_CS", InsertRowsSeconds = Math.Round(rowsSeconds, 1), HnswBuildSeconds = Math.Round(buildSeconds, 1), Index = hnswDefinition, Results = perEf };
        }
        finally
        {
            await index.DisposeAsync();
            await using var connection = await PostgresConnector.OpenAsync(connectionString, CancellationToken.None);
            await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    // Each setting twice, in a mixed order: a second run must reproduce the first (HNSW search is deterministic).
    private static readonly int[] EfSweep = [40, 40, 100, 100, 200, 200, 40];

    private static readonly (string Needle, string Question, string Answer)[] Facts =
    [
        ("The best thing to do in San Francisco is eat a sandwich and sit in Dolores Park on a sunny day.", "What is the best thing to do in San Francisco?", "Dolores Park"),
        ("Marguerite keeps the spare key to the boathouse under a blue ceramic frog.", "Where is the spare key to the boathouse kept?", "ceramic frog"),
        ("The secret ingredient in Grandma Odile's soup is a spoonful of smoked paprika.", "What is the secret ingredient in Grandma Odile's soup?", "smoked paprika"),
        ("Our first office was a converted laundromat in Oakland with a leaking roof.", "Where was the first office located?", "laundromat"),
        ("The conference wifi password is written on the back of the hotel breakfast menu.", "Where can I find the conference wifi password?", "breakfast menu"),
        ("Professor Lindqvist proved the conjecture while waiting for a delayed train in Malmo.", "Where did Professor Lindqvist prove the conjecture?", "Malmo"),
        ("The company mascot is a three-legged tortoise named Archibald.", "What is the company mascot called?", "Archibald"),
        ("Every Thursday the engineers eat dumplings at a tiny restaurant behind the train station.", "What do the engineers eat every Thursday?", "dumplings"),
        ("The lost manuscript was eventually found inside a hollow oak tree in Vermont.", "Where was the lost manuscript found?", "hollow oak"),
        ("The decisive chess move was a quiet knight retreat to the corner square.", "Which chess move was decisive?", "knight retreat"),
    ];

    private static async Task<object> NeedleRecallAsync(string essays, string work)
    {
        Console.Error.WriteLine("retrieval: needle recall in the Paul Graham essays...");
        var random = new Random(11);
        var keys = new[] { "crimson-lantern", "velvet-harbor", "silent-meadow", "copper-falcon", "amber-glacier", "hollow-comet", "ivory-thicket", "scarlet-orchard", "misty-quarry", "golden-tundra" };
        var needles = Facts.Select(f => (f.Needle, f.Question, f.Answer, Kind: "fact")).Concat(keys.Select(key =>
        {
            var value = random.Next(1_000_000, 9_999_999).ToString();
            return (Needle: $"One of the special magic numbers for {key} is: {value}.", Question: $"What is the special magic number for {key}?", Answer: value, Kind: "ruler");
        })).ToList();

        var files = Directory.GetFiles(essays, "*.txt").Order(StringComparer.Ordinal).ToList();
        var documents = files.Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f))).ToList();
        var planted = new List<(string Document, int Start, int End, string Question, string Kind)>();
        for (int n = 0; n < needles.Count; n++)
        {
            int d = (n * 7) % documents.Count; // spread over documents, one needle per document
            var text = documents[d].Text;
            int at = SentenceBoundary(text, (int)(text.Length * random.NextDouble()));
            var inserted = " " + needles[n].Needle + " ";
            documents[d] = (documents[d].Name, text[..at] + inserted + text[at..]);
            planted.Add((documents[d].Name, at + 1, at + 1 + needles[n].Needle.Length, needles[n].Question, needles[n].Kind));
        }

        var results = new Dictionary<string, object>();
        foreach (var maxTokens in new[] { 512, 256 })
        {
            var store = Path.Combine(work, $"pg-essays-{maxTokens}.db");
            await using var index = await SqliteChunkIndex.OpenAsync(store);
            var chunker = new Chunker(TokenCounters.Cl100k);
            var chunking = new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = maxTokens / 8 };
            foreach (var (name, text) in documents)
            {
                var document = Document.FromText(text, name);
                await index.AddDocumentAsync(document, chunker.Split(document, chunking));
            }
            var perMode = new Dictionary<string, object>();
            // Auto is the default search (BM25 with this hashing embedding; see SearchModes).
            foreach (var mode in new[] { SearchMode.Bm25, SearchMode.Vector, SearchMode.Hybrid, SearchMode.Auto })
            {
                int found = 0, foundFacts = 0, foundRuler = 0;
                foreach (var p in planted)
                {
                    var hits = await index.SearchAsync(new SearchQuery(p.Question, 5, mode));
                    bool hit = hits.Any(h => h.DocumentName == p.Document && h.Chunk.Start <= p.Start && h.Chunk.End >= p.End);
                    if (!hit) continue;
                    found++;
                    if (p.Kind == "fact") foundFacts++; else foundRuler++;
                }
                perMode[mode.ToString().ToLowerInvariant()] = new
                {
                    RecallAt5 = Math.Round(found / (double)planted.Count, 3),
                    Facts = $"{foundFacts}/{planted.Count(p => p.Kind == "fact")}",
                    MagicNumbers = $"{foundRuler}/{planted.Count(p => p.Kind == "ruler")}",
                };
            }
            var stats = await index.GetStatsAsync();
            results[$"chunks_{maxTokens}_tokens"] = new { stats.Chunks, Embedding = stats.EmbeddingModel, DefaultSearch = SearchModes.Name(stats.DefaultSearchMode), Modes = perMode };
        }
        return new { Needles = planted.Count, Documents = documents.Count, Results = results };
    }

    private static int SentenceBoundary(string text, int from)
    {
        for (int i = Math.Max(1, from); i < text.Length - 1; i++)
            if (text[i - 1] == '.' && char.IsWhiteSpace(text[i])) return i;
        return text.Length;
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        int index = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return Math.Round(sorted[Math.Clamp(index, 0, sorted.Count - 1)], 3);
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }

    private static string? FindShared()
    {
        var env = Environment.GetEnvironmentVariable("AGENTFW_SHARED_DIR");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln")))
                return Directory.Exists(Path.Combine(dir.FullName, "..", "shared")) ? Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared")) : null;
        return null;
    }

    /// <summary>Counts time spent embedding.</summary>
    private sealed class TimedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        private readonly Stopwatch _clock = new();
        public TimeSpan Elapsed => _clock.Elapsed;

        public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            _clock.Start();
            try { return await base.GenerateAsync(values, options, cancellationToken); }
            finally { _clock.Stop(); }
        }
    }

    /// <summary>Returns preset vectors: "v{i}" gives stored vector i and "q{j}" gives query vector j.</summary>
    private sealed class PresetEmbeddingGenerator(float[][] vectors, float[][] queries, int dimensions) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly EmbeddingGeneratorMetadata _metadata = new("benchmark", null, $"random-gaussian-{dimensions} (benchmark vectors)", dimensions);

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var result = new GeneratedEmbeddings<Embedding<float>>();
            foreach (var v in values)
                result.Add(new Embedding<float>(v[0] == 'v' ? vectors[int.Parse(v.AsSpan(1))] : queries[int.Parse(v.AsSpan(1))]));
            return Task.FromResult(result);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : null;

        public void Dispose() { }
    }
}

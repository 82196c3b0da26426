using System.Diagnostics;
using System.Text.Json;
using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Tests.Chunking;
using AgentFramework.Tokens;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>
/// Chunking speed against one plain tokenizer pass over the same text, in the same run, on the KJV Bible, Moby Dick
/// and the State of the Union addresses (512-token chunks, 64 of overlap, cl100k). Per corpus, interleaved for
/// <c>--repeat</c> rounds (medians): the tokenizer pass (one CountTokens call per document), our chunker, loading the
/// files, the previous chunking algorithm (the tests' oracle), then once each: Semantic Kernel's TextChunker and
/// LangChain's TokenTextSplitter (node; "not available" when npm or node cannot run it). Wall and CPU seconds.
/// Ratios are speeds: a chunker's "vs tokenizer pass" of 0.7 takes 1/0.7 the tokenizer pass's time.
/// Usage: chunking [--corpus kjv,moby,sotu | a file] [--max 512] [--overlap 64] [--repeat 3] [--peers sk,langchain,reference | none]
/// </summary>
public static class ChunkingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback; }
        var options = new ChunkingOptions { MaxTokens = int.Parse(Arg("--max", "512")), OverlapTokens = int.Parse(Arg("--overlap", "64")) };
        int repeat = int.Parse(Arg("--repeat", "3"));
        var peers = Arg("--peers", "sk,langchain,reference").Split(',').ToHashSet();
        var shared = BenchTiming.FindShared();
        var corpora = new List<(string Name, IReadOnlyList<string> Files)>();
        foreach (var name in Arg("--corpus", "kjv,moby,sotu").Split(','))
        {
            IReadOnlyList<string>? files = name switch
            {
                "kjv" => shared is null ? null : [Path.Combine(shared, "data", "debian-pd-texts", "kjv-bible.txt")],
                "moby" => shared is null ? null : [Path.Combine(shared, "data", "moby-dick", "moby-dick.txt")],
                "sotu" => shared is null ? null : Directory.GetFiles(Path.Combine(shared, "data", "sotu"), "*.txt").Order(StringComparer.Ordinal).ToList(),
                _ => File.Exists(name) ? [name] : null,
            };
            if (files is null || !files.All(File.Exists))
            {
                Console.Error.WriteLine($"chunking: corpus '{name}' not found (kjv, moby and sotu need ../shared/data; or give a text file)");
                return 2;
            }
            corpora.Add((name, files));
        }

        var counter = TokenCounters.Cl100k;
        // Warm-up: the vocabulary and every path's JIT, so no side pays them alone.
        var warm = Document.FromText(string.Concat(Enumerable.Repeat("Warm up the tokenizer. And the chunker too, please.\n\n", 400)), "warm-up");
        new Chunker(counter).Split(warm, options);
        new ReferenceChunker(counter).Split(warm, options);
        ChunkingPeers.SemanticKernel([warm.Text], options.MaxTokens, options.OverlapTokens, counter);

        var results = new List<object>();
        foreach (var (name, files) in corpora)
        {
            Console.Error.WriteLine($"chunking: {name} ({files.Count} file(s))...");
            results.Add(await MeasureCorpusAsync(name, files, options, repeat, peers, counter));
        }
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            suite = "chunking",
            machine = new { Environment.ProcessorCount, runtime = Environment.Version.ToString() },
            tokenizer = counter.Name,
            max_tokens = options.MaxTokens,
            overlap_tokens = options.OverlapTokens,
            repeat,
            corpora = results,
        }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        return 0;
    }

    private static async Task<object> MeasureCorpusAsync(string name, IReadOnlyList<string> files, ChunkingOptions options, int repeat,
        HashSet<string> peers, ITokenCounter counter)
    {
        var loader = new DocumentLoader();
        var documents = new List<Document>();
        foreach (var file in files) documents.Add(await loader.LoadAsync(file));
        double mb = files.Sum(f => new FileInfo(f).Length) / 1e6;

        var tokenizer = new List<BenchTiming>();
        var chunker = new List<BenchTiming>();
        var loading = new List<BenchTiming>();
        var reference = new List<BenchTiming>();
        long tokens = 0;
        int chunks = 0, referenceChunks = 0, maxChunkTokens = 0;
        for (int r = 0; r < repeat; r++)
        {
            tokenizer.Add(BenchTiming.Of(() => { tokens = 0; foreach (var d in documents) tokens += counter.CountTokens(d.Text); }));
            chunker.Add(BenchTiming.Of(() =>
            {
                chunks = 0;
                foreach (var d in documents)
                {
                    var split = new Chunker(counter).Split(d, options);
                    chunks += split.Count;
                    maxChunkTokens = Math.Max(maxChunkTokens, split.Max(c => c.TokenCount));
                }
            }));
            loading.Add(await BenchTiming.OfAsync(async () => { foreach (var file in files) await loader.LoadAsync(file); }));
            if (peers.Contains("reference"))
                reference.Add(BenchTiming.Of(() => { referenceChunks = 0; foreach (var d in documents) referenceChunks += new ReferenceChunker(counter).Split(d, options).Count; }));
        }
        var tokenize = BenchTiming.Median(tokenizer);
        var chunk = BenchTiming.Median(chunker);
        var load = BenchTiming.Median(loading);

        object? sk = null, langChain = null;
        if (peers.Contains("sk"))
        {
            var (seconds, skChunks) = ChunkingPeers.SemanticKernel(documents.Select(d => d.Text).ToList(), options.MaxTokens, options.OverlapTokens, counter);
            sk = new { Seconds = Math.Round(seconds, 3), Chunks = skChunks, OursFasterBy = Math.Round(seconds / chunk.Wall, 2) };
        }
        if (peers.Contains("langchain"))
        {
            langChain = ChunkingPeers.LangChain(files, options.MaxTokens, options.OverlapTokens, repeat: 1); // minutes per corpus otherwise
            if (langChain.GetType().GetProperty("SplitSeconds")?.GetValue(langChain) is double split)
                langChain = new { Result = langChain, OursFasterBy = Math.Round(split / chunk.Wall, 2) };
        }
        return new
        {
            Corpus = name, Files = files.Count, Megabytes = Math.Round(mb, 2), Tokens = tokens, Chunks = chunks, MaxChunkTokens = maxChunkTokens,
            TokenizerPass = tokenize.Rounded(), Chunker = chunk.Rounded(), Loading = load.Rounded(),
            // Speeds relative to the one tokenizer pass (target >= 0.7): wall, and CPU (a shared machine's wall includes waiting).
            ChunkerVsTokenizerPass = Math.Round(tokenize.Wall / chunk.Wall, 2),
            ChunkerVsTokenizerPassCpu = Math.Round(tokenize.Cpu / chunk.Cpu, 2),
            LoadAndChunkVsTokenizerPass = Math.Round(tokenize.Wall / (chunk.Wall + load.Wall), 2),
            PreviousAlgorithm = reference.Count == 0 ? null : new
            {
                Timing = BenchTiming.Median(reference).Rounded(), Chunks = referenceChunks,
                VsTokenizerPass = Math.Round(tokenize.Wall / BenchTiming.Median(reference).Wall, 2),
                OnePassFasterBy = Math.Round(BenchTiming.Median(reference).Wall / chunk.Wall, 2),
            },
            SemanticKernelTextChunker = sk,
            LangChainTokenTextSplitter = langChain,
        };
    }
}

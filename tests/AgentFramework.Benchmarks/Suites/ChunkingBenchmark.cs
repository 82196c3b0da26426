using System.Diagnostics;
using System.Text.Json;
using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Tokens;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>
/// Loads and chunks the KJV Bible (4.3 MB, about 1.1M cl100k tokens) with 512-token chunks and 64 tokens of overlap,
/// and prints {mb, seconds, mb_per_s, chunks, tokens}. Args: [path] [max-tokens] [overlap].
/// </summary>
public static class ChunkingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var path = args.Length > 0 ? args[0] : FindKjv();
        if (path is null || !File.Exists(path))
        {
            Console.Error.WriteLine("chunking: ../shared/data/debian-pd-texts/kjv-bible.txt not found; pass a text file path");
            return 2;
        }
        var options = new ChunkingOptions
        {
            MaxTokens = args.Length > 1 ? int.Parse(args[1]) : 512,
            OverlapTokens = args.Length > 2 ? int.Parse(args[2]) : 64,
        };
        var counter = TokenCounters.Cl100k;
        counter.CountTokens("warm up the tokenizer data"); // loading the vocabulary is not chunking

        // CPU time too: on a shared machine wall time includes waiting for a core.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var document = await new DocumentLoader().LoadAsync(path);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var chunks = new Chunker(counter).Split(document, options);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;

        double mb = new FileInfo(path).Length / 1e6;
        // Baseline measured in the same run: one pass of the tokenizer over the whole text.
        var tokenizeClock = Stopwatch.StartNew();
        var tokens = counter.CountTokens(document.Text);
        var tokenizeSeconds = tokenizeClock.Elapsed.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            suite = "chunking",
            file = Path.GetFileName(path),
            mb = Math.Round(mb, 2),
            seconds = Math.Round(seconds, 3),
            load_seconds = Math.Round(loadSeconds, 3),
            mb_per_s = Math.Round(mb / seconds, 2),
            cpu_seconds = Math.Round(cpuSeconds, 3),
            mb_per_cpu_s = Math.Round(mb / cpuSeconds, 2),
            tokenize_once_seconds = Math.Round(tokenizeSeconds, 3),
            chunking_vs_tokenize_once = Math.Round((seconds - loadSeconds) / tokenizeSeconds, 2),
            chunks = chunks.Count,
            tokens,
            max_tokens = options.MaxTokens,
            overlap_tokens = options.OverlapTokens,
            mean_chunk_tokens = Math.Round(chunks.Average(c => c.TokenCount), 1),
            max_chunk_tokens = chunks.Max(c => c.TokenCount),
        }));
        return 0;
    }

    private static string? FindKjv()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data", "debian-pd-texts", "kjv-bible.txt");
            if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln")) && File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }
}

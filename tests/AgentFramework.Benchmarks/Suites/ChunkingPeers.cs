using System.Diagnostics;
using System.Text.Json;
using AgentFramework.Tokens;
using Microsoft.SemanticKernel.Text;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>
/// The chunking suite's peers, run on the same texts with the same budget: Semantic Kernel's TextChunker (lines of
/// 128 tokens, then paragraphs with overlap, counted by our cl100k counter) and LangChain's TokenTextSplitter (node,
/// with js-tiktoken's cl100k; installed with npm into a temp folder on first use, "not available" otherwise).
/// </summary>
internal static class ChunkingPeers
{
    private const string LangChainPackages = "@langchain/textsplitters@1.0.2 @langchain/core@1 js-tiktoken@1.0.21";

    /// <summary>Seconds for SK's TextChunker over all texts, and the chunk count.</summary>
    public static (double Seconds, int Chunks) SemanticKernel(IReadOnlyList<string> texts, int maxTokens, int overlap, ITokenCounter counter)
    {
        TextChunker.TokenCounter count = s => counter.CountTokens(s);
        var clock = Stopwatch.StartNew();
        int chunks = 0;
        foreach (var text in texts)
        {
            var lines = TextChunker.SplitPlainTextLines(text, 128, count);
            chunks += TextChunker.SplitPlainTextParagraphs(lines, maxTokens, overlap, null, count).Count;
        }
        return (clock.Elapsed.TotalSeconds, chunks);
    }

    /// <summary>
    /// LangChain's token splitter over the files (median of <paramref name="repeat"/> runs inside one node process,
    /// after a warm-up), with js-tiktoken's own encode pass in the same process; or why it could not run.
    /// </summary>
    public static object LangChain(IReadOnlyList<string> files, int maxTokens, int overlap, int repeat)
    {
        var folder = Path.Combine(Path.GetTempPath(), "agentfw-bench-langchain");
        try
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "@langchain", "textsplitters")))
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "package.json"), "{\"private\":true}");
                Console.Error.WriteLine($"chunking: installing {LangChainPackages} into {folder} (npm)...");
                var (code, _, error) = Run("npm", $"install --no-audit --no-fund --loglevel=error {LangChainPackages}", folder, TimeSpan.FromMinutes(5));
                if (code != 0) return new { NotAvailable = $"npm install failed ({code}): {Tail(error)}" };
            }
            var script = Path.Combine(folder, "split.cjs");
            File.WriteAllText(script, Script);
            var list = Path.Combine(folder, "files.txt");
            File.WriteAllLines(list, files);
            var (exit, output, stderr) = Run("node", $"\"{script}\" \"{list}\" {maxTokens} {overlap} {repeat}", folder, TimeSpan.FromMinutes(10));
            if (exit != 0) return new { NotAvailable = $"node exited {exit}: {Tail(stderr)}" };
            using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            var r = json.RootElement;
            return new
            {
                SplitSeconds = r.GetProperty("split_seconds").GetDouble(), EncodeSeconds = r.GetProperty("encode_seconds").GetDouble(),
                Chunks = r.GetProperty("chunks").GetInt32(), Tokens = r.GetProperty("tokens").GetInt64(),
                Node = r.GetProperty("node").GetString(), Splitter = "TokenTextSplitter (@langchain/textsplitters 1.0.2, js-tiktoken cl100k_base)",
            };
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return new { NotAvailable = e.Message };
        }
    }

    private static string Tail(string text) => text.Length > 300 ? text[^300..] : text;

    private static (int Code, string Output, string Error) Run(string file, string arguments, string folder, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "", $"{file} ran past {timeout.TotalMinutes} minutes");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    // The tokenizer is set before splitting: LangChain would otherwise fetch the cl100k ranks over the network.
    private const string Script = """
        const fs = require('fs');
        const { TokenTextSplitter } = require('@langchain/textsplitters');
        const { getEncoding } = require('js-tiktoken');
        const [listFile, chunkSize, overlap, repeat] = process.argv.slice(2);
        const texts = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean).map(f => fs.readFileSync(f, 'utf8').replace(/\r\n?/g, '\n'));
        const enc = getEncoding('cl100k_base');
        const splitter = new TokenTextSplitter({ chunkSize: +chunkSize, chunkOverlap: +overlap, disallowedSpecial: [] });
        splitter.tokenizer = enc;
        const median = a => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
        const seconds = t => Number(process.hrtime.bigint() - t) / 1e9;
        (async () => {
          await splitter.splitText(texts[0].slice(0, 50000)); enc.encode(texts[0].slice(0, 50000), [], []);
          const split = [], encode = []; let chunks = 0, tokens = 0;
          for (let r = 0; r < +repeat; r++) {
            let t = process.hrtime.bigint(); chunks = 0;
            for (const x of texts) chunks += (await splitter.splitText(x)).length;
            split.push(seconds(t));
            t = process.hrtime.bigint(); tokens = 0;
            for (const x of texts) tokens += enc.encode(x, [], []).length;
            encode.push(seconds(t));
          }
          console.log(JSON.stringify({ split_seconds: median(split), encode_seconds: median(encode), chunks, tokens, node: process.version }));
        })().catch(e => { console.error(String(e && e.stack || e)); process.exit(1); });
        """;
}

using System.Diagnostics;
using System.Text.Json;
using AgentFramework.Onnx;
using AgentFramework.Onnx.Generation;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>
/// "onnx": on the tiny Llama export, prefill tok/s, decode tok/s and TTFT at 128/512/1536-token prompts; the ratio
/// of our decode loop to a bare InferenceSession.Run loop with the same inputs (interleaved, same run); and 10
/// questions over one 1500-token prefix with and without the prefix cache. Prints one JSON object.
/// Usage: onnx [model-folder] [--repeats N] [--part prompts|decode|prefix]
/// </summary>
public static class OnnxBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] is not ("--repeats" or "--part")));
        var part = args.SkipWhile(a => a != "--part").Skip(1).FirstOrDefault() ?? "all";
        bool Runs(string name) => part == "all" || part == name;
        var folder = positional.FirstOrDefault() ?? FindShared("data/onnx-tiny-models/tiny-random-LlamaForCausalLM-fp16");
        int repeats = args.SkipWhile(a => a != "--repeats").Skip(1).Select(int.Parse).FirstOrDefault(5);
        if (folder is null || !Directory.Exists(folder)) { Console.Error.WriteLine("onnx benchmark: model folder not found (pass it as the first argument)"); return 2; }

        using var model = OnnxModel.Load(folder, new OnnxModelOptions { PrefixCacheBytes = 0 });
        var text = File.ReadAllText(FindRepoFile("samples/data/moby-dick.txt") ?? throw new FileNotFoundException("samples/data/moby-dick.txt"));
        var corpus = model.EncodeText(text[..200_000]);

        var prompts = new List<object>();
        foreach (int length in Runs("prompts") ? new[] { 128, 512, 1536 } : [])
        {
            var prompt = corpus[..length];
            await GenerateAsync(model, prompt, 8); // warm-up
            var runs = new List<GenerationStats>();
            for (int r = 0; r < repeats; r++) { Progress($"prompt {length}: run {r + 1}/{repeats}"); runs.Add(await GenerateAsync(model, prompt, 64)); }
            prompts.Add(new
            {
                prompt_tokens = length,
                ttft_ms = Median(runs.Select(s => s.TimeToFirstToken.TotalMilliseconds)),
                prefill_tokens_per_s = Median(runs.Select(s => s.PrefillTokensPerSecond)),
                decode_tokens_per_s = Median(runs.Select(s => s.DecodeTokensPerSecond)),
            });
        }

        // Our decode loop vs a bare Run loop, interleaved: 128-token prompt, 256 greedy steps each.
        var loopPrompt = corpus[..128];
        var bare = new BareDecodeLoop(model.Runner.DecodeSession, model.Signature);
        bare.Run(loopPrompt, 16);
        var ours = new List<double>(); var client = new List<double>(); var bareRates = new List<double>();
        using var chat = new OnnxChatClient(model, new OnnxChatClientOptions { UsePrefixCache = false });
        for (int r = 0; r < (Runs("decode") ? repeats : 0); r++)
        {
            Progress($"decode loop: run {r + 1}/{repeats}");
            // Alternate the order so drift on a shared machine does not favour one side.
            if (r % 2 == 1) bareRates.Add(bare.Run(loopPrompt, 256));
            ours.Add((await GenerateAsync(model, loopPrompt, 256)).DecodeTokensPerSecond);
            client.Add(await ClientDecodeRateAsync(chat));
            if (r % 2 == 0) bareRates.Add(bare.Run(loopPrompt, 256));
        }

        // 10 questions over one 1500-token prefix, with and without the prefix cache.
        var document = model.Tokenizer.Decode(corpus[..1500]);
        string[] questions =
        [
            "Who is the narrator?", "What is the name of the ship?", "Who is the captain?", "Where does the voyage start?", "What is the white whale called?",
            "Who is Queequeg?", "What does Ishmael do when he feels grim?", "Which town has the inn?", "What is the harpooneer selling?", "How does the chapter end?",
        ];
        var without = Runs("prefix") ? await QuestionsAsync(folder, document, questions, useCache: false) : QuestionRun.None;
        var with = Runs("prefix") ? await QuestionsAsync(folder, document, questions, useCache: true) : QuestionRun.None;

        double load = File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) : -1;
        var report = new
        {
            suite = "onnx",
            model = model.ModelId,
            machine = new { cores = Environment.ProcessorCount, load_average_1m = load, ort = OrtEnv.Instance().GetVersionString() },
            threads = new { prefill = model.PrefillThreads, decode = model.DecodeThreads },
            repeats,
            prompts,
            decode_loop = new
            {
                prompt_tokens = 128,
                new_tokens = 256,
                ours_tokens_per_s = Median(ours),
                bare_run_loop_tokens_per_s = Median(bareRates),
                ratio = ours.Count == 0 ? 0 : Math.Round(Median(ours) / Median(bareRates), 3),
                ours_best_tokens_per_s = Math.Round(ours.DefaultIfEmpty().Max(), 1),
                bare_best_tokens_per_s = Math.Round(bareRates.DefaultIfEmpty().Max(), 1),
                ratio_of_best = ours.Count == 0 ? 0 : Math.Round(ours.Max() / bareRates.Max(), 3),
                chat_client_tokens_per_s = Median(client),
                chat_client_ratio = ours.Count == 0 ? 0 : Math.Round(Median(client) / Median(bareRates), 3),
            },
            prefix_cache = new
            {
                prefix_tokens = model.EncodeText(document).Length,
                questions = questions.Length,
                without_total_ms = without.TotalMs,
                with_total_ms = with.TotalMs,
                speedup_total = with.TotalMs > 0 ? Math.Round(without.TotalMs / with.TotalMs, 2) : 0,
                without_ttft_ms_median = without.TtftMedian,
                with_ttft_ms_median_after_first = with.TtftMedianAfterFirst,
                speedup_ttft_after_first = with.TtftMedianAfterFirst > 0 ? Math.Round(without.TtftMedian / with.TtftMedianAfterFirst, 2) : 0,
                identical_answers = without.Answers.SequenceEqual(with.Answers),
                reused_prompt_tokens = with.Reused,
            },
        };
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static async Task<GenerationStats> GenerateAsync(OnnxModel model, int[] prompt, int newTokens)
    {
        var stats = new GenerationStats();
        await foreach (var _ in model.Generator.GenerateAsync(prompt, new GenerationRequest { MaxNewTokens = newTokens, UsePrefixCache = false }, stats)) { }
        return stats;
    }

    // Through OnnxChatClient (template, detokenizer, stop filter, semaphore): the cost a caller actually sees.
    private static async Task<double> ClientDecodeRateAsync(OnnxChatClient chat)
    {
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Call me Ishmael. Some years ago, never mind how long precisely.")], new ChatOptions { MaxOutputTokens = 256 });
        return Convert.ToDouble(response.AdditionalProperties!["decode_tokens_per_s"]);
    }

    private sealed record QuestionRun(double TotalMs, double TtftMedian, double TtftMedianAfterFirst, List<string> Answers, int Reused)
    {
        public static QuestionRun None { get; } = new(0, 0, 0, [], 0);
    }

    private static async Task<QuestionRun> QuestionsAsync(string folder, string document, string[] questions, bool useCache)
    {
        using var model = OnnxModel.Load(folder, new OnnxModelOptions { PrefixCacheBytes = useCache ? 256L << 20 : 0 });
        using var chat = new OnnxChatClient(model, new OnnxChatClientOptions { UsePrefixCache = useCache });
        // Warm up the runtime on an unrelated prompt so neither side pays JIT/first-run costs inside the timing.
        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "warm up")], new ChatOptions { MaxOutputTokens = 4 });
        var ttfts = new List<double>(); var answers = new List<string>(); int reused = 0;
        var clock = Stopwatch.StartNew();
        foreach (var q in questions)
        {
            Progress($"questions ({(useCache ? "with" : "without")} prefix cache): {answers.Count + 1}/{questions.Length}");
            var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, document + "\n\nQuestion: " + q)], new ChatOptions { MaxOutputTokens = 16 });
            ttfts.Add(Convert.ToDouble(response.AdditionalProperties!["ttft_ms"]));
            reused += Convert.ToInt32(response.AdditionalProperties["reused_prompt_tokens"]);
            answers.Add(response.Text);
        }
        return new QuestionRun(Math.Round(clock.Elapsed.TotalMilliseconds, 2), Median(ttfts), Median(ttfts.Skip(1)), answers, reused);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return 0;
        double m = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return Math.Round(m, 2);
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[onnx] {message}");

    private static string? FindShared(string relative)
    {
        var env = Environment.GetEnvironmentVariable("AGENTFW_SHARED_DIR");
        if (!string.IsNullOrEmpty(env)) return Path.Combine(env, relative);
        var sln = FindRepoFile("AgentFramework.sln");
        return sln is null ? null : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(sln)!, "..", "shared", relative));
    }

    private static string? FindRepoFile(string relative)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
        return null;
    }
}

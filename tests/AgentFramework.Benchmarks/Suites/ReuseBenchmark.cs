using System.Diagnostics;
using System.Text.Json;
using AgentFramework.Agents;
using AgentFramework.Agents.Text;
using AgentFramework.Documents;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Runner;
using AgentFramework.Models;
using AgentFramework.Onnx;
using AgentFramework.Retrieval.Embeddings;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>
/// Paying for a document once (issue 15), on the tiny Llama, every figure a ratio within this run:
/// (1) ten questions over a 32k-token LaRA context with full-context through the library, prefix cache on vs off
/// (total, and mean of questions 2–10 over question 1); (2) the same ten questions as document-first chat messages
/// straight to the runtime (what the prefix cache gives a prompt whose document precedes the question); (3) `bench` on
/// that LaRA context with its own questions: full-context and retrieve-then-reason, indexes built, cached prompt tokens;
/// (4) the same through the real `agentfw bench` command as a child process (<see cref="ReuseCliBench"/>; its answers
/// are as long as the pipelines' own budgets, not --max-new).
/// Args: [--questions 10] [--max-new 8] [--parts library,runtime,bench,cli].
/// </summary>
public static class ReuseBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int questionCount = IntArg(args, "--questions", 10), maxNew = IntArg(args, "--max-new", 8);
        var shared = FindShared();
        if (shared is null) { Console.Error.WriteLine("reuse: ../shared not found"); return 2; }
        var model = Path.Combine(shared, "data", "onnx-tiny-models", "tiny-random-LlamaForCausalLM-fp16");
        var cases = LaraLoader.Load(Path.Combine(shared, "data", "lara"), "32k", "lara");
        // The context with the most questions; its own questions, in file order.
        var context = cases.GroupBy(c => c.Documents[0].Id).OrderByDescending(g => g.Count()).First().ToList();
        var document = context[0].Documents[0];
        var questions = context.Select(c => BenchmarkQuestion.For(c)).Take(questionCount).ToList();
        while (questions.Count < questionCount) questions.Add($"Question {questions.Count + 1}: what happens next in the text?");

        var report = new Dictionary<string, object?>
        {
            ["model"] = "tiny-random-LlamaForCausalLM-fp16 (context 2048; MHA export: no chunked prefill on a cache, see src/AgentFramework.Onnx/README.md)",
            ["document"] = new { document.Name, Characters = document.Text.Length, Cl100kTokens = Tokens.TokenCounters.Cl100k.CountTokens(document.Text) },
        };
        int partsAt = Array.IndexOf(args, "--parts");
        var parts = (partsAt >= 0 && partsAt + 1 < args.Length ? args[partsAt + 1] : "library,runtime,bench,cli").Split(',').ToHashSet();
        if (parts.Contains("library"))
            foreach (bool cache in new[] { false, true })
                report[cache ? "full_context_prefix_cache_on" : "full_context_prefix_cache_off"] = await FullContextAsync(model, document, questions, cache, maxNew);
        if (parts.Contains("runtime")) report["runtime_document_first"] = await DocumentFirstAsync(model, document, questions, maxNew);
        if (parts.Contains("bench")) report["bench_lara_32k_context"] = await BenchAsync(model, context.Take(questionCount).ToList(), maxNew);
        if (parts.Contains("cli")) report["agentfw_bench_lara_32k_context"] = await ReuseCliBench.RunAsync(shared, model, questionCount);
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        return 0;
    }

    private static IChatClient Chat(string folder, bool prefixCache, int maxNew, out OnnxModel model)
    {
        model = OnnxModel.Load(folder, new OnnxModelOptions { PrefixCacheBytes = prefixCache ? null : 0 });
        var client = new OnnxChatClient(model, new OnnxChatClientOptions { DefaultMaxOutputTokens = maxNew }, ownsModel: true);
        return new UsageAccountingChatClient(new FixedOutputChatClient(client, maxNew));
    }

    private static object Summarise(List<(double Seconds, long Prompt, long Cached)> perQuestion)
    {
        double first = perQuestion[0].Seconds, rest = perQuestion.Skip(1).Average(q => q.Seconds);
        return new
        {
            TotalSeconds = Math.Round(perQuestion.Sum(q => q.Seconds), 3),
            Question1Seconds = Math.Round(first, 3),
            MeanQuestions2To10Seconds = Math.Round(rest, 3),
            Questions2To10VsQuestion1 = Math.Round(rest / first, 3),
            PromptTokens = perQuestion.Select(q => q.Prompt).ToArray(),
            CachedPromptTokens = perQuestion.Select(q => q.Cached).ToArray(),
        };
    }

    private static async Task<object> FullContextAsync(string folder, Document document, List<string> questions, bool prefixCache, int maxNew)
    {
        Console.Error.WriteLine($"reuse: full-context, prefix cache {(prefixCache ? "on" : "off")}...");
        using var chat = Chat(folder, prefixCache, maxNew, out var model);
        await using var host = AgentPipelineHost.Create(chat, model.Profile, new HashingEmbeddingGenerator(), Path.Combine(Path.GetTempPath(), $"agentfw-reuse-{Guid.NewGuid():N}"));
        var perQuestion = new List<(double, long, long)>();
        foreach (var question in questions)
        {
            var clock = Stopwatch.StartNew();
            var result = await host.Agent.AskAsync([document], question, PipelineNames.FullContext);
            perQuestion.Add((clock.Elapsed.TotalSeconds, result.Trace.PromptTokens, result.Trace.CachedPromptTokens));
        }
        return Summarise(perQuestion);
    }

    private static async Task<object> DocumentFirstAsync(string folder, Document document, List<string> questions, int maxNew)
    {
        Console.Error.WriteLine("reuse: document-first messages straight to the runtime...");
        using var chat = Chat(folder, prefixCache: true, maxNew, out var model);
        // The document as much as fits (leaving room for the question and the answer), then the question.
        var shown = TokenBudget.Truncate(document.Text, model.ContextLength - 200, model.Profile.TokenCounter);
        var perQuestion = new List<(double, long, long)>();
        foreach (var question in questions)
        {
            var trace = new PipelineTrace();
            var clock = Stopwatch.StartNew();
            using (PipelineContext.Begin(trace))
                await chat.GetResponseAsync([new ChatMessage(ChatRole.System, "Answer from the document."), new ChatMessage(ChatRole.User, shown + "\n\nQuestion: " + question)],
                    new ChatOptions { MaxOutputTokens = maxNew, Temperature = 0 });
            perQuestion.Add((clock.Elapsed.TotalSeconds, trace.PromptTokens, trace.CachedPromptTokens));
        }
        return Summarise(perQuestion);
    }

    private static async Task<object> BenchAsync(string folder, List<BenchmarkCase> cases, int maxNew)
    {
        Console.Error.WriteLine($"reuse: bench on {cases.Count} LaRA cases of one context...");
        using var chat = Chat(folder, prefixCache: true, maxNew, out var model);
        var scratch = Path.Combine(Path.GetTempPath(), $"agentfw-reuse-bench-{Guid.NewGuid():N}");
        await using var host = AgentPipelineHost.Create(chat, model.Profile, new HashingEmbeddingGenerator(), Path.Combine(scratch, "indexes"));
        var result = new Dictionary<string, object>();
        foreach (var kind in new[] { PipelineNames.FullContext, PipelineNames.RetrieveThenReason })
        {
            var keeper = new TraceKeeping(host.Pipelines([kind])[0]);
            var clock = Stopwatch.StartNew();
            var outcome = await new BenchmarkRunner([keeper], new MetricRegistry()).RunAsync(cases, Path.Combine(scratch, kind));
            var seconds = keeper.Seconds.OrderBy(s => s.Key).Select(s => s.Value).ToList();
            result[kind] = new
            {
                Cases = outcome.Ran, outcome.Failed, TotalSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
                Question1Seconds = Math.Round(seconds[0], 3),
                Questions2ToNVsQuestion1 = Math.Round(seconds.Skip(1).Average() / seconds[0], 3),
                IndexedDocuments = keeper.Counter("indexed_documents"), ReusedIndexDocuments = keeper.Counter("reused_index_documents"),
                PromptTokens = keeper.Traces.Sum(t => t.PromptTokens), CachedPromptTokens = keeper.Traces.Sum(t => t.CachedPromptTokens),
            };
        }
        try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
        return result;
    }

    /// <summary>Keeps each case's trace and wall time (cases run one at a time, in order).</summary>
    private sealed class TraceKeeping(IBenchmarkPipeline inner) : IBenchmarkPipeline
    {
        public List<PipelineTrace> Traces { get; } = [];
        public SortedDictionary<int, double> Seconds { get; } = [];
        public string Name => inner.Name;
        public bool Supports(TaskKind kind) => inner.Supports(kind);
        public long Counter(string name) => Traces.Sum(t => t.Counters.GetValueOrDefault(name));

        public async Task<PipelineRunResult> RunAsync(BenchmarkCase benchmarkCase, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var result = await inner.RunAsync(benchmarkCase, cancellationToken);
            lock (Traces) { Seconds[Traces.Count] = clock.Elapsed.TotalSeconds; Traces.Add(result.Trace); }
            return result;
        }
    }

    /// <summary>Caps output tokens so every question decodes the same short answer length (prefill is what is measured).</summary>
    private sealed class FixedOutputChatClient(IChatClient inner, int maxNew) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            options = options?.Clone() ?? new ChatOptions();
            options.MaxOutputTokens = Math.Min(options.MaxOutputTokens ?? maxNew, maxNew);
            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }

    private static string? FindShared()
    {
        if (Environment.GetEnvironmentVariable("AGENTFW_SHARED_DIR") is { Length: > 0 } env && Directory.Exists(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared");
            if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln")) && Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;
    }
}

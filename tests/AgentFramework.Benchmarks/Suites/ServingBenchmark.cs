using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>
/// "serving": starts a real <c>agentfw serve --model DIR</c> on a free loopback port and measures requests/s and p50/p99
/// latency of short chat completions at concurrency 1, 4 and 16 (a bounded number of requests per level).
/// Usage: serving [--model DIR] [--requests-per-level N] [--max-tokens N]
/// </summary>
public static partial class ServingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string model = Arg(args, "--model") ?? FindTinyLlama()
            ?? throw new ArgumentException("give --model DIR (the tiny Llama export in ../shared was not found)");
        int perLevel = int.Parse(Arg(args, "--requests-per-level") ?? "48");
        int maxTokens = int.Parse(Arg(args, "--max-tokens") ?? "16");

        using var server = await ServeProcess.StartAsync(model);
        Console.Error.WriteLine($"serving: agentfw serve at {server.BaseAddress} (model {model})");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = server.BaseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };

        // Warm up: the first requests pay for JIT and lazy initialisation.
        for (int i = 0; i < 8; i++) await OneRequestAsync(http, $"warm-up {i}", maxTokens);

        var levels = new List<object>();
        foreach (int concurrency in new[] { 1, 4, 16 })
        {
            var latencies = new double[perLevel];
            long completionTokens = 0;
            int next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < perLevel)
                {
                    var (ms, tokens) = await OneRequestAsync(http, $"Request {i}: say something short about whales.", maxTokens);
                    latencies[i] = ms;
                    Interlocked.Add(ref completionTokens, tokens);
                }
            }));
            double seconds = clock.Elapsed.TotalSeconds;
            Array.Sort(latencies);
            var level = new
            {
                concurrency,
                requests = perLevel,
                requests_per_s = Math.Round(perLevel / seconds, 2),
                p50_ms = Math.Round(Percentile(latencies, 0.50), 1),
                p99_ms = Math.Round(Percentile(latencies, 0.99), 1),
                mean_completion_tokens = Math.Round(completionTokens / (double)perLevel, 1),
                completion_tokens_per_s = Math.Round(completionTokens / seconds, 1),
            };
            Console.Error.WriteLine($"serving: concurrency {concurrency,2}: {level.requests_per_s} req/s, p50 {level.p50_ms} ms, p99 {level.p99_ms} ms, {level.mean_completion_tokens} tokens/request");
            levels.Add(level);
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            suite = "serving",
            model = Path.GetFileName(Path.GetFullPath(model).TrimEnd('/')),
            max_tokens = maxTokens,
            cores = Environment.ProcessorCount,
            levels,
        }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    /// <summary>One non-streaming completion: its latency and the completion tokens the server reported.</summary>
    private static async Task<(double Ms, int CompletionTokens)> OneRequestAsync(HttpClient http, string prompt, int maxTokens)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = "served",
            messages = new[] { new { role = "user", content = prompt } },
            max_tokens = maxTokens,
            temperature = 0,
        });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return (clock.Elapsed.TotalMilliseconds, body.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    internal static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The tiny Llama export in ../shared beside the solution, or null.</summary>
    internal static string? FindTinyLlama()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data", "onnx-tiny-models", "tiny-random-LlamaForCausalLM-fp16");
            if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln")) && Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    /// <summary>A child <c>agentfw serve</c> process; its first "listening on URL" line gives the port.</summary>
    private sealed partial class ServeProcess : IDisposable
    {
        private readonly Process _process;

        private ServeProcess(Process process, Uri baseAddress)
        {
            _process = process;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public static async Task<ServeProcess> StartAsync(string model)
        {
            var agentfw = Path.Combine(AppContext.BaseDirectory, "agentfw.dll");
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = false,
                UseShellExecute = false,
            };
            foreach (var a in new[] { agentfw, "serve", "--model", model, "--urls", "http://127.0.0.1:0", "--max-queue", "64" }) start.ArgumentList.Add(a);
            var process = Process.Start(start) ?? throw new InvalidOperationException("could not start agentfw serve");
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
                if (Listening().Match(line) is { Success: true } m) return new ServeProcess(process, new Uri(m.Groups[1].Value));
            throw new InvalidOperationException($"agentfw serve exited with code {(process.HasExited ? process.ExitCode : -1)} before listening");
        }

        public void Dispose()
        {
            // SIGTERM first: the server shuts down gracefully and exits 0.
            if (!_process.HasExited)
            {
                Process.Start("kill", ["-TERM", _process.Id.ToString()])?.WaitForExit();
                if (!_process.WaitForExit(TimeSpan.FromSeconds(20))) _process.Kill();
            }
            Console.Error.WriteLine($"serving: agentfw serve exited with code {_process.ExitCode}");
            _process.Dispose();
        }

        [GeneratedRegex(@"listening on (http://\S+?)/? ")]
        private static partial Regex Listening();
    }
}

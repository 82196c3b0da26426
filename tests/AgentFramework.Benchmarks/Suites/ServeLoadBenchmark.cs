using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>
/// "serve-load": a bounded loopback load run against a real <c>agentfw serve --model DIR</c>: unique prompts (no prefix
/// reuse) at a fixed concurrency for a fixed time, one request in ten malformed; reports the server's peak RSS (VmHWM)
/// and RSS over time against the memory bound the server states at startup, requests by status class and the 5xx count. Loopback only; ends with SIGTERM and the exit code.
/// Usage: serve-load [--model DIR] [--minutes M (default 5)] [--concurrency N (default 32)] [--max-tokens N (default 16)] [--prompt-kb N (default 0)]
/// </summary>
public static partial class ServeLoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string model = ServingBenchmark.Arg(args, "--model") ?? ServingBenchmark.FindTinyLlama() ?? throw new ArgumentException("give --model DIR");
        double minutes = double.Parse(ServingBenchmark.Arg(args, "--minutes") ?? "5", System.Globalization.CultureInfo.InvariantCulture);
        int concurrency = int.Parse(ServingBenchmark.Arg(args, "--concurrency") ?? "32");
        int maxTokens = int.Parse(ServingBenchmark.Arg(args, "--max-tokens") ?? "16");
        // --prompt-kb N pads every well-formed prompt with N KB of prose: large bodies that must be refused as too long
        // for the context (400) without tokenising, to check the memory bound's per-request term.
        int promptKb = int.Parse(ServingBenchmark.Arg(args, "--prompt-kb") ?? "0");
        string padding = promptKb == 0 ? "" : string.Concat(Enumerable.Repeat("Call me Ishmael. Some years ago, never mind how long precisely. ", promptKb * 1024 / 64 + 1));

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "agentfw.dll"), "serve", "--model", model, "--urls", "http://127.0.0.1:0", "--max-queue", "64" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start agentfw serve");
        // The server states its memory bound on stderr at startup; the run checks peak RSS against it.
        long? statedBoundMib = null;
        var stderr = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                Console.Error.WriteLine(line);
                if (MemoryBound().Match(line) is { Success: true } b) statedBoundMib = long.Parse(b.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
            }
        });
        Uri? address = null;
        using (var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
            while (address is null && await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
                if (Listening().Match(line) is { Success: true } m) address = new Uri(m.Groups[1].Value);
        if (address is null) throw new InvalidOperationException("agentfw serve did not start");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        var statuses = new int[6];
        long requests = 0, failures = 0;
        var rss = new List<object>();
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromMinutes(minutes);
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                rss.Add(new { s = Math.Round(clock.Elapsed.TotalSeconds), rss_mib = Status(process.Id, "VmRSS:") >> 20 });
                try { await Task.Delay(TimeSpan.FromSeconds(5), sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (long i = 0; clock.Elapsed < until; i++)
            {
                long n = Interlocked.Increment(ref requests);
                try
                {
                    using var response = n % 10 == 0
                        ? await http.PostAsync("/v1/chat/completions", new ByteArrayContent(Encoding.UTF8.GetBytes($"{{\"messages\":[{{\"role\":\"user\",\"content\":\"\\ud800 {n}\"}}],\"max_tokens\":{int.MaxValue - 10}}}")))
                        : await http.PostAsJsonAsync("/v1/chat/completions", new
                        {
                            model = "served",
                            messages = new[] { new { role = "user", content = $"{Guid.NewGuid():N} worker {worker} request {i}: say something about whales.{padding}" } },
                            max_tokens = maxTokens,
                        });
                    Interlocked.Increment(ref statuses[Math.Clamp((int)response.StatusCode / 100, 0, 5)]);
                    await response.Content.ReadAsByteArrayAsync();
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        double seconds = clock.Elapsed.TotalSeconds;
        long peak = Status(process.Id, "VmHWM:");
        sampling.Cancel();
        await sampler;

        Process.Start("kill", ["-TERM", process.Id.ToString()])?.WaitForExit();
        bool exited = process.WaitForExit(TimeSpan.FromSeconds(30));
        if (!exited) process.Kill();
        await stderr.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            suite = "serve-load",
            model = Path.GetFileName(Path.GetFullPath(model).TrimEnd('/')),
            minutes = Math.Round(seconds / 60, 2),
            concurrency,
            prompt_kb = promptKb,
            requests,
            requests_per_s = Math.Round(requests / seconds, 1),
            status_2xx = statuses[2], status_4xx = statuses[4], status_5xx = statuses[5], connection_failures = failures,
            peak_rss_mib = peak >> 20,
            stated_bound_mib = statedBoundMib,
            peak_within_bound = statedBoundMib is { } bound ? (peak >> 20) <= bound : (bool?)null,
            rss_over_time = rss,
            exit_code_after_sigterm = exited ? process.ExitCode : (int?)null,
        }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static long Status(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException) { }
        return 0;
    }

    [GeneratedRegex(@"listening on (http://\S+?)/? ")]
    private static partial Regex Listening();

    [GeneratedRegex(@"memory bound ([\d,]+) MiB RSS")]
    private static partial Regex MemoryBound();
}

using System.Diagnostics;
using System.Text.Json;
using AgentFramework.Onnx;
using AgentFramework.Onnx.GenAi;
using AgentFramework.Onnx.Generation;
using AgentFramework.Tests.Onnx.BuilderFixtures;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>
/// "genai-prefill": prefill of 512 / 2k / 8k-token prompts on the int4 builder fixtures (every linear and lm_head
/// MatMulNBits), our runtime against ONNX Runtime GenAI, same run, same threads. Each (engine, fixture, length) runs in
/// its own child process so the peak resident memory (VmHWM) is that measurement's alone; timing is the median of
/// the repeats after one warm-up. Prints one JSON object with the ratios ours / GenAI.
/// Usage: genai-prefill [--repeats N] [--lengths 512,2048,8192]
/// </summary>
public static class GenAiPrefillBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "--child") return Child(args[1], args[2], int.Parse(args[3]), int.Parse(args[4]));
        int repeats = args.SkipWhile(a => a != "--repeats").Skip(1).Select(int.Parse).FirstOrDefault(3);
        var lengths = (args.SkipWhile(a => a != "--lengths").Skip(1).FirstOrDefault() ?? "512,2048,8192").Split(',').Select(int.Parse).ToArray();
        var rows = new List<object>();
        foreach (var fixture in BuilderFixture.Benchmark)
        {
            BuilderFixtureFolder.Ensure(fixture);
            foreach (var length in lengths)
            {
                var ours = await MeasureAsync("agentfw", fixture.Name, length, repeats);
                var genai = await MeasureAsync("genai", fixture.Name, length, repeats);
                rows.Add(new
                {
                    fixture = fixture.Name,
                    prompt_tokens = length,
                    agentfw = ours,
                    genai,
                    prefill_speed_ratio = Math.Round(genai.PrefillMs / ours.PrefillMs, 2),
                    peak_memory_ratio = Math.Round((double)ours.PeakRssMiB / genai.PeakRssMiB, 2),
                });
            }
        }
        Console.WriteLine(JsonSerializer.Serialize(new { suite = "genai-prefill", threads = Environment.ProcessorCount, repeats, rows }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private sealed record Measurement(double PrefillMs, double PrefillTokensPerS, long PeakRssMiB, long LoadedRssMiB, int FirstToken);

    private static async Task<Measurement> MeasureAsync(string engine, string fixture, int length, int repeats)
    {
        Console.Error.WriteLine($"genai-prefill: {engine} {fixture} {length} tokens");
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(GenAiPrefillBenchmark).Assembly.Location);
        foreach (var a in new[] { "genai-prefill", "--child", engine, fixture, length.ToString(), repeats.ToString() }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"child {engine} {fixture} {length} exited {process.ExitCode}");
        return JsonSerializer.Deserialize<Measurement>(output)!;
    }

    private static int Child(string engine, string fixtureName, int length, int repeats)
    {
        var fixture = BuilderFixture.Get(fixtureName);
        var folder = BuilderFixtureFolder.Ensure(fixture);
        var random = new Random(length);
        var prompt = Enumerable.Range(0, length).Select(_ => random.Next(3, 32000)).ToArray();
        var warmup = prompt[..16];
        int threads = Environment.ProcessorCount;
        Func<int[], int> prefill;
        IDisposable owner;
        if (engine == "genai")
        {
            var genai = GenAiEngine.Load(folder, intraOpThreads: threads);
            owner = genai;
            prefill = p => ArgMax(genai.LastLogits(p));
        }
        else
        {
            var model = OnnxModel.Load(folder, new OnnxModelOptions { IntraOpThreads = threads, PrefixCacheBytes = 0 });
            owner = model;
            prefill = p =>
            {
                using var empty = KvCache.Empty(model.Runner.Signature);
                var past = empty;
                ForwardResult? last = null;
                for (int s = 0; s < p.Length; s += 512)
                {
                    var r = model.Runner.Forward(p.AsSpan(s, Math.Min(512, p.Length - s)), past);
                    if (!ReferenceEquals(past, empty)) past.Dispose();
                    past = r.Cache;
                    last = r;
                }
                int token = ArgMax(last!.RowAsFloats(last.Rows - 1));
                past.Dispose();
                return token;
            };
        }
        using (owner)
        {
            prefill(warmup);
            long loaded = Rss("VmRSS");
            var times = new List<double>();
            int first = 0;
            for (int r = 0; r < repeats; r++)
            {
                var clock = Stopwatch.StartNew();
                first = prefill(prompt);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            double median = times.Order().ElementAt(times.Count / 2);
            Console.WriteLine(JsonSerializer.Serialize(new Measurement(Math.Round(median, 1), Math.Round(length / (median / 1000), 0), Rss("VmHWM"), loaded, first)));
        }
        return 0;
    }

    private static int ArgMax(float[] row)
    {
        int best = 0;
        for (int i = 1; i < row.Length; i++) if (row[i] > row[best]) best = i;
        return best;
    }

    // Resident set figures of this process in MiB from /proc/self/status (Linux).
    private static long Rss(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        return 0;
    }
}

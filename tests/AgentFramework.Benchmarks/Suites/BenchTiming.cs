using System.Diagnostics;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>Wall and CPU seconds of one measured step (CPU too: on a shared machine wall time includes waiting).</summary>
internal readonly record struct BenchTiming(double Wall, double Cpu)
{
    public static BenchTiming Of(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return new BenchTiming(wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    public static async Task<BenchTiming> OfAsync(Func<Task> action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await action();
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return new BenchTiming(wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>Wall and CPU medians taken separately.</summary>
    public static BenchTiming Median(List<BenchTiming> timings) =>
        new(timings.Select(t => t.Wall).Order().ElementAt(timings.Count / 2), timings.Select(t => t.Cpu).Order().ElementAt(timings.Count / 2));

    public object Rounded() => new { WallSeconds = Math.Round(Wall, 3), CpuSeconds = Math.Round(Cpu, 3) };

    public static string? FindShared()
    {
        var env = Environment.GetEnvironmentVariable("AGENTFW_SHARED_DIR");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return Path.GetFullPath(env);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared");
            if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln")) && Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }
}

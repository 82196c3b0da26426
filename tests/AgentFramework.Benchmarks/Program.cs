// Benchmarks print figures (and ratios against a baseline measured in the same run) as JSON; they never fail on timing.
// Usage: dotnet run -c Release --project tests/AgentFramework.Benchmarks -- <suite> [args]
var suites = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    // One line per suite (Suites/<Name>Benchmark.cs); keep sorted.
    ["chunking"] = AgentFramework.Benchmarks.Suites.ChunkingBenchmark.RunAsync,
    ["fixtures"] = AgentFramework.Benchmarks.Suites.FixturesSuite.RunAsync,
    ["genai-prefill"] = AgentFramework.Benchmarks.Suites.GenAiPrefillBenchmark.RunAsync,
    ["ingest"] = AgentFramework.Benchmarks.Suites.IngestBenchmark.RunAsync,
    ["onnx"] = AgentFramework.Benchmarks.Suites.OnnxBenchmark.RunAsync,
    ["retrieval"] = AgentFramework.Benchmarks.Suites.RetrievalBenchmark.RunAsync,
    ["serve-load"] = AgentFramework.Benchmarks.Suites.ServeLoadBenchmark.RunAsync,
    ["reuse"] = AgentFramework.Benchmarks.Suites.ReuseBenchmark.RunAsync,
    ["serving"] = AgentFramework.Benchmarks.Suites.ServingBenchmark.RunAsync,
    ["startup"] = AgentFramework.Benchmarks.Suites.StartupBenchmark.RunAsync,
};

if (args.Length == 0 || !suites.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: AgentFramework.Benchmarks <suite> [args]; suites: {string.Join(", ", suites.Keys.Order())}");
    return 2;
}
return await run(args[1..]);

using AgentFramework.Tests.Onnx.BuilderFixtures;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>"fixtures": writes every builder fixture folder (conformance and benchmark) and prints one path per line (scripts/cuda-conformance reads them).</summary>
public static class FixturesSuite
{
    public static Task<int> RunAsync(string[] args)
    {
        foreach (var fixture in BuilderFixture.Conformance.Concat(BuilderFixture.Benchmark))
            if (args.Length == 0 || args.Contains(fixture.Name)) Console.WriteLine(BuilderFixtureFolder.Ensure(fixture));
        return Task.FromResult(0);
    }
}

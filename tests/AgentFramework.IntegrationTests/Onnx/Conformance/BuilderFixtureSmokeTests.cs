using AgentFramework.Tests.Onnx.BuilderFixtures;

namespace AgentFramework.IntegrationTests.Onnx.Conformance;

/// <summary>Every builder fixture loads and runs in ONNX Runtime GenAI (faithful to what GenAI accepts) and in ours.</summary>
public sealed class BuilderFixtureSmokeTests
{
    public static TheoryData<string> Fixtures => new(BuilderFixture.Conformance.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_runs_in_both_engines_with_the_same_greedy_tokens(string name)
    {
        using var h = new ConformanceHarness(BuilderFixture.Get(name));
        var prompt = h.Prompt(12, 1);
        var reference = h.Reference.GreedyReference(prompt, 6);
        var ours = ConformanceHarness.Greedy(h.Generator(512), prompt, 6);
        Assert.NotEmpty(reference);
        Assert.Equal(reference, ours);
    }
}

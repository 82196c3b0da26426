using AgentFramework.Errors;
using AgentFramework.Onnx.Generation;
using AgentFramework.Tests.Onnx.BuilderFixtures;

namespace AgentFramework.IntegrationTests.Onnx.Conformance;

/// <summary>
/// Our runtime against ONNX Runtime GenAI on every builder fixture: greedy tokens equal for prompts from 1 token to the
/// window edge (LongRoPE: below, at and above original_context_length, and crossing it while decoding), at several
/// prefill chunk sizes, with the prefix cache off and reused, over two turns; last-position logits within 1e-4 on fp32.
/// Each case is a row of the conformance table (written to the test output and to
/// $TMPDIR/agentfw-conformance/&lt;fixture&gt;.md).
/// </summary>
public sealed class GenAiConformanceTests
{
    private const int MaxNew = 8;

    public static TheoryData<string> Fixtures => new(BuilderFixture.Conformance.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Greedy_tokens_and_logits_equal_GenAI(string name)
    {
        var fixture = BuilderFixture.Get(name);
        using var h = new ConformanceHarness(fixture);
        var table = new ConformanceTable(fixture.Name);
        bool longRope = fixture.OriginalContextLength > 0;
        int edge = fixture.ContextLength - MaxNew;
        int t = fixture.OriginalContextLength;
        // Few cases per fixture keep CI short; the fp32 LongRoPE fixture carries the most threshold cases.
        var lengths = !longRope ? new[] { 1, 63, 64, 65, edge } : fixture.Int4 ? new[] { t + 54 } : new[] { 1, t, t + 54 };
        var chunks = !longRope ? new[] { 512, 64, 16 } : fixture.Int4 ? new[] { 512 } : new[] { 8192, 512, 128 };
        Assert.Contains(h.Ours.Notes, n => n.StartsWith("prefill computes logits for the last position only", StringComparison.Ordinal));

        foreach (var length in lengths)
        {
            var prompt = h.Prompt(length, seed: length);
            var expected = h.Reference.GreedyReference(prompt, MaxNew);
            foreach (var chunk in chunks)
                table.Add($"prompt {length}", $"chunk {chunk}", expected, ConformanceHarness.Greedy(h.Generator(chunk), prompt, MaxNew, usePrefixCache: false));
        }

        if (longRope)
        {
            // Crossing original_context_length while decoding: GenAI re-encodes at threshold + 1 tokens.
            var crossing = h.Prompt(t - 4, seed: 7);
            var expected = h.Reference.GreedyReference(crossing, 12);
            foreach (var chunk in fixture.Int4 ? new[] { 512 } : new[] { 512, 128 })
                table.Add($"prompt {t - 4} + 12 new (crosses {t})", $"chunk {chunk}", expected, ConformanceHarness.Greedy(h.Generator(chunk), crossing, 12, usePrefixCache: false));
        }

        // Prefix cache: a second prompt sharing a prefix with the first reuses its KV state (under the LongRoPE threshold).
        int first = longRope ? 1200 : 130, shared = longRope ? 1000 : 100, extra = longRope ? 300 : 50;
        var cache = new PrefixCache(256L * 1024 * 1024);
        var cached = h.Generator(64, cache);
        var promptA = h.Prompt(first, seed: 11);
        table.Add($"prompt {first}, cache empty", "chunk 64 + cache", h.Reference.GreedyReference(promptA, MaxNew), ConformanceHarness.Greedy(cached, promptA, MaxNew));
        var promptB = promptA.Take(shared).Concat(h.Prompt(extra, seed: 12)).ToArray();
        var statsB = new GenerationStats();
        var gotB = ConformanceHarness.Greedy(cached, promptB, MaxNew, stats: statsB);
        table.Add($"prompt {promptB.Length}, {statsB.ReusedPromptTokens} reused", "chunk 64 + cache", h.Reference.GreedyReference(promptB, MaxNew), gotB);
        Assert.Equal(shared, statsB.ReusedPromptTokens);
        if (longRope)
        {
            // Past the threshold cached short-factor states must not be reused: equal to GenAI, nothing reused.
            var promptC = promptA.Concat(h.Prompt(t + 50 - first, seed: 13)).ToArray();
            var statsC = new GenerationStats();
            var gotC = ConformanceHarness.Greedy(cached, promptC, MaxNew, stats: statsC);
            table.Add($"prompt {promptC.Length} over cached {first}", "chunk 64 + cache", h.Reference.GreedyReference(promptC, MaxNew), gotC);
            Assert.Equal(0, statsC.ReusedPromptTokens);
        }

        // Two turns: the second prompt is the first, its answer and a new message; the cache serves the first turn.
        var turn1 = h.Prompt(longRope ? 60 : 40, seed: 21);
        var answer1 = ConformanceHarness.Greedy(cached, turn1, MaxNew);
        table.Add($"turn 1 ({turn1.Length})", "chunk 64 + cache", h.Reference.GreedyReference(turn1, MaxNew), answer1);
        var turn2 = turn1.Concat(answer1).Concat(h.Prompt(25, seed: 22)).ToArray();
        var statsTurn2 = new GenerationStats();
        var answer2 = ConformanceHarness.Greedy(cached, turn2, MaxNew, stats: statsTurn2);
        table.Add($"turn 2 ({turn2.Length}, {statsTurn2.ReusedPromptTokens} reused)", "chunk 64 + cache", h.Reference.GreedyReference(turn2, MaxNew), answer2);
        Assert.True(statsTurn2.ReusedPromptTokens >= turn1.Length);

        // Past the window edge: ours refuses with a message naming the sizes.
        var tooLong = h.Prompt(edge + 1, seed: 31);
        var refused = Assert.Throws<ModelException>(() => ConformanceHarness.Greedy(h.Generator(64), tooLong, MaxNew));
        Assert.Contains("context length", refused.Message);

        // Logits of the last position (our rewritten graph computes only that row).
        var probe = h.Prompt(longRope ? 300 : 65, seed: 41);
        var ours = h.OurLastLogits(probe, out int rows);
        Assert.Equal(1, rows); // the rewrite holds on MatMulNBits and the tied (transposed) embedding too
        var reference = h.Reference.LastLogits(probe);
        double maxDiff = ours.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
        table.Note($"last-position logits, prompt {probe.Length}: max |diff| = {maxDiff:G3}");

        table.Write();
        Assert.True(table.AllEqual, table.Failures());
        Assert.True(maxDiff <= (fixture.Int4 ? 1e-3 : 1e-4), $"last-position logits differ by {maxDiff} from GenAI's");
    }

    [Fact]
    public void Without_the_LongRoPE_handling_long_prompts_diverge_from_GenAI()
    {
        // The defect this suite guards: chunks encoded with the short factors, no re-encode on crossing.
        var fixture = BuilderFixture.Get("phi3-longrope-fp32");
        using var h = new ConformanceHarness(fixture);
        int t = fixture.OriginalContextLength;
        Assert.Equal(t, h.Ours.Generator.RotarySwitchThreshold);
        var naive = new TokenGenerator(h.Ours.Runner, h.Eos, 512, null, fixture.Name);
        var prompt = h.Prompt(t + 54, seed: t + 54);
        Assert.NotEqual(h.Reference.GreedyReference(prompt, MaxNew), ConformanceHarness.Greedy(naive, prompt, MaxNew, usePrefixCache: false));
        var crossing = h.Prompt(t - 4, seed: 7);
        Assert.NotEqual(h.Reference.GreedyReference(crossing, 12), ConformanceHarness.Greedy(naive, crossing, 12, usePrefixCache: false));
    }
}

using AgentFramework.Onnx;
using AgentFramework.Onnx.Generation;

namespace AgentFramework.IntegrationTests.Onnx;

/// <summary>Logits from incremental decoding with the KV cache equal those of one full pass without cache.</summary>
public sealed class KvCacheCorrectnessTests
{
    private const string Text = "It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.";

    [Theory]
    [InlineData("llama", 2e-2)]   // fp16 logits and cache
    [InlineData("gpt2", 1e-4)]    // fp32
    public void Incremental_logits_equal_full_pass(string which, double tolerance)
    {
        // Logits for every position, as exported, to compare each incremental step with its row of the full pass.
        using var model = OnnxModel.Load(which == "llama" ? SharedData.TinyLlama : SharedData.TinyGpt2, new OnnxModelOptions { LastPositionLogitsOnly = false });
        var tokens = model.EncodeText(Text);
        Assert.True(tokens.Length > 12);
        var runner = model.Runner;

        float[][] full;
        using (var empty = KvCache.Empty(runner.Signature))
        {
            var pass = runner.Forward(tokens, empty);
            using var _ = pass.Cache;
            Assert.Equal(tokens.Length, pass.Rows);
            full = Enumerable.Range(0, pass.Rows).Select(pass.RowAsFloats).ToArray();
        }

        const int prefill = 5;
        var past = KvCache.Empty(runner.Signature);
        var step = runner.Forward(tokens.AsSpan(0, prefill), past);
        past.Dispose();
        AssertClose(full[prefill - 1], step.RowAsFloats(step.Rows - 1), tolerance, prefill - 1);
        for (int i = prefill; i < tokens.Length; i++)
        {
            var next = runner.Forward(tokens.AsSpan(i, 1), step.Cache);
            step.Cache.Dispose();
            step = next;
            Assert.Equal(i + 1, step.Cache.Length);
            AssertClose(full[i], step.RowAsFloats(0), tolerance, i);
        }
        step.Cache.Dispose();
    }

    [Theory]
    [InlineData("llama", 2e-2)]
    [InlineData("gpt2", 1e-4)]
    public void Chunked_prefill_equals_one_pass(string which, double tolerance)
    {
        using var model = OnnxModel.Load(which == "llama" ? SharedData.TinyLlama : SharedData.TinyGpt2);
        var tokens = model.EncodeText(Text + " " + Text);
        var runner = model.Runner;
        Assert.SkipUnless(runner.SupportsMultiTokenContinuation, $"{model.ModelId} accepts only a fresh prompt or one token on top of a cache: its causal-mask Expand broadcasts [S,S] to [S,P+S] (see src/AgentFramework.Onnx/README.md)");

        float[] expected;
        using (var empty = KvCache.Empty(runner.Signature))
        {
            var pass = runner.Forward(tokens, empty);
            expected = pass.RowAsFloats(pass.Rows - 1);
            pass.Cache.Dispose();
        }

        var past = KvCache.Empty(runner.Signature);
        ForwardResult? last = null;
        for (int start = 0; start < tokens.Length; start += 7)
        {
            last = runner.Forward(tokens.AsSpan(start, Math.Min(7, tokens.Length - start)), past);
            past.Dispose();
            past = last.Cache;
        }
        AssertClose(expected, last!.RowAsFloats(last.Rows - 1), tolerance, tokens.Length - 1);
        past.Dispose();
    }

    [Theory]
    [InlineData("llama", 2e-2)]
    [InlineData("gpt2", 1e-4)]
    public void Last_position_rewrite_returns_the_full_pass_last_row(string which, double tolerance)
    {
        var folder = which == "llama" ? SharedData.TinyLlama : SharedData.TinyGpt2;
        using var full = OnnxModel.Load(folder, new OnnxModelOptions { LastPositionLogitsOnly = false });
        using var last = OnnxModel.Load(folder);
        Assert.Contains(last.Notes, n => n.Contains("last position only", StringComparison.Ordinal));
        var tokens = full.EncodeText(Text);
        using var emptyFull = KvCache.Empty(full.Signature);
        using var emptyLast = KvCache.Empty(last.Signature);
        var a = full.Runner.Forward(tokens, emptyFull);
        var b = last.Runner.Forward(tokens, emptyLast);
        Assert.Equal(tokens.Length, a.Rows);
        Assert.Equal(1, b.Rows);
        AssertClose(a.RowAsFloats(a.Rows - 1), b.RowAsFloats(0), tolerance, tokens.Length - 1);
        // The KV state is unchanged by the rewrite: the next step agrees too.
        var nextA = full.Runner.Forward([tokens[0]], a.Cache);
        var nextB = last.Runner.Forward([tokens[0]], b.Cache);
        AssertClose(nextA.RowAsFloats(0), nextB.RowAsFloats(0), tolerance, tokens.Length);
        foreach (var c in new[] { a.Cache, b.Cache, nextA.Cache, nextB.Cache }) c.Dispose();
    }

    private static void AssertClose(float[] expected, float[] actual, double tolerance, int position)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1.0, expected.Max(Math.Abs));
        double worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst <= tolerance * scale, $"position {position}: max |diff| {worst:G4} > {tolerance * scale:G4}");
    }
}

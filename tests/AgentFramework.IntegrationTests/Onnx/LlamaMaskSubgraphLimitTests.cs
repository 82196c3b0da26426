using AgentFramework.Onnx;
using AgentFramework.Onnx.Generation;
using Microsoft.ML.OnnxRuntime;

namespace AgentFramework.IntegrationTests.Onnx;

/// <summary>
/// The onnxruntime-genai MultiHeadAttention Llama export builds its causal mask for the new tokens only ([S, S]) and
/// expands it to [B, 1, S, P + S]: that broadcast exists only when P == 0 or S == 1. These tests feed what
/// onnxruntime-genai feeds for a continuation (attention_mask [1, P+S] of ones, position_ids P..P+S-1, past [1,1,P,16])
/// and pin down that the graph, not our feeds, is what rejects several tokens on top of a cache.
/// </summary>
public sealed class LlamaMaskSubgraphLimitTests
{
    [Theory]
    [InlineData(0, 7)]
    [InlineData(5, 1)]
    [InlineData(1, 1)]
    public void Fresh_prompts_and_single_tokens_on_a_cache_run(int pastLength, int newTokens)
    {
        using var model = OnnxModel.Load(SharedData.TinyLlama);
        var result = RunWithPast(model.Runner, pastLength, newTokens);
        Assert.Equal(pastLength + newTokens, result.Cache.Length);
        result.Cache.Dispose();
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(5, 3)]
    [InlineData(3, 3)]
    public void Several_tokens_on_a_cache_fail_in_the_causal_mask_expand(int pastLength, int newTokens)
    {
        using var model = OnnxModel.Load(SharedData.TinyLlama);
        Assert.False(model.Runner.SupportsMultiTokenContinuation);
        var error = Assert.Throws<OnnxRuntimeException>(() => RunWithPast(model.Runner, pastLength, newTokens).Cache.Dispose());
        Assert.Contains("/model/attn_mask_reformat/input_ids_subgraph/Expand", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid expand shape", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static ForwardResult RunWithPast(DecoderRunner runner, int pastLength, int newTokens)
    {
        var tokens = Enumerable.Range(10, pastLength + newTokens).ToArray();
        using var empty = KvCache.Empty(runner.Signature);
        if (pastLength == 0) return runner.Forward(tokens, empty);
        var prefix = runner.Forward(tokens.AsSpan(0, pastLength), empty);
        try { return runner.Forward(tokens.AsSpan(pastLength), prefix.Cache); }
        finally { prefix.Cache.Dispose(); }
    }
}

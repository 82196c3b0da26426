using System.Text;
using AgentFramework.Onnx.Generation;
using AgentFramework.Tests.Onnx.BuilderFixtures;

namespace AgentFramework.Tests.Onnx;

/// <summary>Load-time graph inspection on builder-shaped graphs: the LongRoPE switch and the last-position rewrite.</summary>
public sealed class BuilderFixtureGraphTests
{
    [Fact]
    public void LongRope_switch_threshold_is_read_from_the_If_condition()
    {
        var phi3 = BuilderFixtureWriter.Model(BuilderFixture.Get("phi3-longrope-int4"));
        Assert.Equal(4096, RotaryCacheSwitch.FindThreshold(phi3));
        Assert.Null(RotaryCacheSwitch.FindThreshold(BuilderFixtureWriter.Model(BuilderFixture.Get("qwen2-int4"))));
    }

    [Theory]
    [InlineData("qwen2-int4")]    // lm_head MatMulNBits
    [InlineData("qwen2-fp32")]    // tied embedding: MatMul(hidden, Transpose(embed_tokens))
    [InlineData("llama-rotary-fp32")]
    public void Last_position_rewrite_slices_the_lm_head_input(string name)
    {
        var model = BuilderFixtureWriter.Model(BuilderFixture.Get(name));
        var rewritten = LastPositionLogitsRewriter.Rewrite(model, "logits");
        Assert.NotNull(rewritten);
        Assert.Contains("agentfw_last_position_slice", Encoding.UTF8.GetString(rewritten));
    }

    [Fact]
    public void Int4_blocks_dequantize_within_half_a_step_except_the_clamped_edge()
    {
        var random = new Random(3);
        int k = 64, n = 5;
        var w = Enumerable.Range(0, k * n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var (packed, scales) = BuilderFixtureWriter.QuantizeInt4(w, k, n);
        for (int col = 0; col < n; col++)
            for (int row = 0; row < k; row++)
            {
                int block = row / 32, index = (col * 2 + block) * 16 + (row % 32) / 2;
                int q = row % 2 == 0 ? packed[index] & 0xF : packed[index] >> 4;
                float scale = scales[col * 2 + block];
                // Symmetric int4 spans -8..7 steps: the block's extreme maps to -8 exactly; a value of the opposite sign
                // near the same magnitude clamps to 7 (up to one step off), every other one rounds (half a step).
                double bound = q == 15 ? Math.Abs(scale) : Math.Abs(scale) / 2;
                Assert.InRange(Math.Abs((q - 8) * scale - w[row * n + col]), 0, bound + 1e-6);
            }
    }
}

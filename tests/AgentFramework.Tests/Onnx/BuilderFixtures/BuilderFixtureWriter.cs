namespace AgentFramework.Tests.Onnx.BuilderFixtures;

/// <summary>
/// Emits a decoder with the structure onnxruntime-genai's model builder writes for CPU (src/python/py/models/builders/
/// base.py at microsoft/onnxruntime-genai a0c04eb: make_attention_mask_reformatting_for_gqa, make_layernorm,
/// make_attention, make_rotary_embedding_multi_cache, make_mlp, make_lm_head), with deterministic random weights:
/// <list type="bullet">
/// <item>attention_mask → ReduceSum − 1 → Cast int32 = seqlens_k; Shape → Gather(1) → Cast int32 = total_sequence_length;</item>
/// <item>SimplifiedLayerNormalization on the embeddings, SkipSimplifiedLayerNormalization after attention and MLP;</item>
/// <item>GroupQueryAttention (kv heads &lt; heads) with rotary fused, or RotaryEmbedding ops on position_ids;</item>
/// <item>Phi-3 LongRoPE: If(Gather(Shape(attention_mask), 1) &gt; original_context_length) picks the long or short caches;</item>
/// <item>int4: every linear, lm_head included, is MatMulNBits (bits 4, block 32, accuracy_level 4, symmetric).</item>
/// </list>
/// Ported behaviour, not code: node order and naming follow the builder loosely; weights are ours.
/// </summary>
internal static class BuilderFixtureWriter
{
    private const int BlockSize = 32;

    public static byte[] Model(BuilderFixture f)
    {
        var random = new Random(HashCode(f.Name));
        var g = new OnnxGraph("main_graph");
        int h = f.Hidden, d = f.HeadSize, kvDim = f.KvHeads * d;

        g.Input("input_ids", OnnxGraph.Int64, "batch_size", "sequence_length");
        g.Input("attention_mask", OnnxGraph.Int64, "batch_size", "total_sequence_length");
        if (f.HasPositionIds) g.Input("position_ids", OnnxGraph.Int64, "batch_size", "sequence_length");
        for (int l = 0; l < f.Layers; l++)
        {
            g.Input($"past_key_values.{l}.key", OnnxGraph.Float, "batch_size", f.KvHeads, "past_sequence_length", d);
            g.Input($"past_key_values.{l}.value", OnnxGraph.Float, "batch_size", f.KvHeads, "past_sequence_length", d);
        }
        g.Output("logits", OnnxGraph.Float, "batch_size", "sequence_length", f.VocabSize);
        for (int l = 0; l < f.Layers; l++)
        {
            g.Output($"present.{l}.key", OnnxGraph.Float, "batch_size", f.KvHeads, "total_sequence_length", d);
            g.Output($"present.{l}.value", OnnxGraph.Float, "batch_size", f.KvHeads, "total_sequence_length", d);
        }

        // attention_mask → seqlens_k / total_sequence_length (the builder's attn_mask_subgraph).
        const string mask = "/model/attn_mask_reformat/attn_mask_subgraph";
        var reduced = g.Node1("ReduceSum", ["attention_mask", g.Int64Constant([1])], $"{mask}/ReduceSum/output_0", "", ("keepdims", 0));
        var minusOne = g.Node1("Sub", [reduced, g.Int64Constant([1], scalar: true)], $"{mask}/Sub/output_0");
        var seqlensK = g.Node1("Cast", [minusOne], $"{mask}/Sub/Cast/output_0", "", ("to", OnnxGraph.Int32));
        var shape = g.Node1("Shape", ["attention_mask"], $"{mask}/Shape/output_0");
        var totalInt64 = g.Node1("Gather", [shape, g.Int64Constant([1], scalar: true)], $"{mask}/Gather/output_0", "", ("axis", 0));
        var total = g.Node1("Cast", [totalInt64], $"{mask}/Gather/Cast/output_0", "", ("to", OnnxGraph.Int32));

        // Rotary caches [positions, head/2]; LongRoPE chooses between two per run.
        string cos = "cos_cache", sin = "sin_cache";
        if (f.Family == BuilderFamily.Phi3LongRope)
        {
            var longFactor = Enumerable.Range(0, d / 2).Select(i => 1f + i * 0.75f).ToArray();
            var shortFactor = Enumerable.Range(0, d / 2).Select(i => 1f + i * 0.05f).ToArray();
            float mscale = MathF.Sqrt(1 + MathF.Log((float)f.ContextLength / f.OriginalContextLength) / MathF.Log(f.OriginalContextLength));
            var (cosLarge, sinLarge) = RotaryCaches(f.ContextLength, d, 10000f, longFactor, mscale);
            var (cosSmall, sinSmall) = RotaryCaches(f.OriginalContextLength, d, 10000f, shortFactor, mscale);
            var greater = g.Node1("Greater", [totalInt64, g.Int64Constant([f.OriginalContextLength], scalar: true)], "/model/rope_caches_subgraph/Greater/output_0");
            g.Node("If", [greater], [cos, sin], "",
                ("then_branch", CacheBranch("large_rope_caches_graph", "cos_cache_large", "sin_cache_large", f.ContextLength, d, cosLarge, sinLarge)),
                ("else_branch", CacheBranch("small_rope_caches_graph", "cos_cache_small", "sin_cache_small", f.OriginalContextLength, d, cosSmall, sinSmall)));
        }
        else
        {
            var (c, s) = RotaryCaches(f.ContextLength, d, f.Family == BuilderFamily.Qwen2 ? 1000000f : 10000f, null, 1f);
            g.FloatInitializer(cos, [f.ContextLength, d / 2], c);
            g.FloatInitializer(sin, [f.ContextLength, d / 2], s);
        }

        var embedding = Weights(random, f.VocabSize * h, 1f);
        g.FloatInitializer("model.embed_tokens.weight", [f.VocabSize, h], embedding);
        var hidden = g.Node1("Gather", ["model.embed_tokens.weight", "input_ids"], "/model/embed_tokens/Gather/output_0");

        string residual = hidden, normed = "";
        for (int l = 0; l < f.Layers; l++)
        {
            string p = $"/model/layers.{l}";
            var lnWeight = g.FloatInitializer($"model.layers.{l}.input_layernorm.weight", [h], Weights(random, h, 0.2f, 1f));
            if (l == 0)
                normed = g.Node1("SimplifiedLayerNormalization", [hidden, lnWeight], $"{p}/input_layernorm/LayerNorm/output_0", "",
                    ("axis", -1), ("epsilon", 1e-5f), ("stash_type", 1));
            // (layers > 0 get their input norm from the previous layer's final SkipSimplifiedLayerNormalization)

            string q, k, v;
            if (f.Family == BuilderFamily.Phi3LongRope)
            {
                q = Linear(g, random, f, normed, h, h + 2 * kvDim, $"{p}/attn/qkv_proj", $"model.layers.{l}.attn.qkv_proj");
                k = v = "";
            }
            else
            {
                q = Linear(g, random, f, normed, h, h, $"{p}/attn/q_proj", $"model.layers.{l}.attn.q_proj");
                k = Linear(g, random, f, normed, h, kvDim, $"{p}/attn/k_proj", $"model.layers.{l}.attn.k_proj");
                v = Linear(g, random, f, normed, h, kvDim, $"{p}/attn/v_proj", $"model.layers.{l}.attn.v_proj");
                if (f.Family == BuilderFamily.Qwen2)
                {
                    q = Bias(g, random, q, h, $"{p}/attn/q_proj", $"model.layers.{l}.attn.q_proj.bias");
                    k = Bias(g, random, k, kvDim, $"{p}/attn/k_proj", $"model.layers.{l}.attn.k_proj.bias");
                    v = Bias(g, random, v, kvDim, $"{p}/attn/v_proj", $"model.layers.{l}.attn.v_proj.bias");
                }
            }
            bool fused = f.Family != BuilderFamily.LlamaSeparateRotary;
            if (!fused)
            {
                q = g.Node1("RotaryEmbedding", [q, "position_ids", cos, sin], $"{p}/attn/q_rotary/RotaryEmbedding/output_0", "com.microsoft", ("interleaved", 0));
                k = g.Node1("RotaryEmbedding", [k, "position_ids", cos, sin], $"{p}/attn/k_rotary/RotaryEmbedding/output_0", "com.microsoft", ("interleaved", 0));
            }
            var attention = g.Node("GroupQueryAttention",
                [q, k, v, $"past_key_values.{l}.key", $"past_key_values.{l}.value", seqlensK, total, fused ? cos : "", fused ? sin : ""],
                [$"{p}/attn/GroupQueryAttention/output_0", $"present.{l}.key", $"present.{l}.value"], "com.microsoft",
                ("num_heads", f.Heads), ("kv_num_heads", f.KvHeads), ("scale", 1f / MathF.Sqrt(d)), ("local_window_size", -1),
                ("do_rotary", fused ? 1 : 0), ("rotary_interleaved", 0), ("softcap", 0f))[0];
            var attnOut = Linear(g, random, f, attention, h, h, $"{p}/attn/o_proj", $"model.layers.{l}.attn.o_proj");

            var postWeight = g.FloatInitializer($"model.layers.{l}.post_attention_layernorm.weight", [h], Weights(random, h, 0.2f, 1f));
            var post = g.Node("SkipSimplifiedLayerNormalization", [attnOut, residual, postWeight],
                [$"{p}/post_attention_layernorm/output_0", "", "", $"{p}/post_attention_layernorm/output_3"], "com.microsoft", ("epsilon", 1e-5f));
            normed = post[0];
            residual = post[3];

            var gate = Linear(g, random, f, normed, h, f.Intermediate, $"{p}/mlp/gate_proj", $"model.layers.{l}.mlp.gate_proj");
            var up = Linear(g, random, f, normed, h, f.Intermediate, $"{p}/mlp/up_proj", $"model.layers.{l}.mlp.up_proj");
            var sigmoid = g.Node1("Sigmoid", [gate], $"{p}/mlp/act_fn/Sigmoid/output_0");
            var silu = g.Node1("Mul", [gate, sigmoid], $"{p}/mlp/act_fn/Mul/output_0");
            var product = g.Node1("Mul", [silu, up], $"{p}/mlp/Mul/output_0");
            var mlpOut = Linear(g, random, f, product, f.Intermediate, h, $"{p}/mlp/down_proj", $"model.layers.{l}.mlp.down_proj");

            bool last = l == f.Layers - 1;
            var nextWeight = g.FloatInitializer(last ? "model.norm.weight" : $"model.layers.{l + 1}.input_layernorm.weight", [h], Weights(random, h, 0.2f, 1f));
            string next = last ? "/model/norm" : $"/model/layers.{l + 1}/input_layernorm";
            var skip = g.Node("SkipSimplifiedLayerNormalization", [mlpOut, residual, nextWeight],
                [$"{next}/output_0", "", "", $"{next}/output_3"], "com.microsoft", ("epsilon", 1e-5f));
            normed = skip[0];
            residual = skip[3];
        }

        // lm_head: MatMulNBits for int4; for Qwen2 fp32 the tied embedding, transposed.
        if (f.Int4) LinearInto(g, random, f, normed, h, f.VocabSize, "/lm_head", "lm_head", "logits");
        else if (f.Family == BuilderFamily.Qwen2)
        {
            var transposed = g.Node1("Transpose", ["model.embed_tokens.weight"], "/lm_head/Transpose/output_0", "", ("perm", new long[] { 1, 0 }));
            g.Node("MatMul", [normed, transposed], ["logits"]);
        }
        else LinearInto(g, random, f, normed, h, f.VocabSize, "/lm_head", "lm_head", "logits");
        return g.ToModel();
    }

    private static string Linear(OnnxGraph g, Random random, BuilderFixture f, string input, int k, int n, string nodePrefix, string weightName) =>
        LinearInto(g, random, f, input, k, n, nodePrefix, weightName, $"{nodePrefix}/{(f.Int4 ? "MatMulNBits" : "MatMul")}/output_0");

    private static string LinearInto(OnnxGraph g, Random random, BuilderFixture f, string input, int k, int n, string nodePrefix, string weightName, string output)
    {
        // Scaled so activations neither vanish nor explode through the layers (random weights; output is gibberish).
        var w = Weights(random, k * n, 1.7f / MathF.Sqrt(k)); // [k, n] row-major, as MatMul's B
        if (!f.Int4)
        {
            g.FloatInitializer($"{weightName}.MatMul.weight", [k, n], w);
            return g.Node1("MatMul", [input, $"{weightName}.MatMul.weight"], output);
        }
        var (packed, scales) = QuantizeInt4(w, k, n);
        int blocks = k / BlockSize;
        g.Initializer($"{weightName}.MatMul.weight_Q4", OnnxGraph.UInt8, [n, blocks, BlockSize / 2], packed);
        g.FloatInitializer($"{weightName}.MatMul.weight_scales", [n * blocks], scales);
        return g.Node1("MatMulNBits", [input, $"{weightName}.MatMul.weight_Q4", $"{weightName}.MatMul.weight_scales"], output, "com.microsoft",
            ("K", k), ("N", n), ("bits", 4), ("block_size", BlockSize), ("accuracy_level", 4));
    }

    private static string Bias(OnnxGraph g, Random random, string input, int n, string nodePrefix, string biasName)
    {
        g.FloatInitializer(biasName, [n], Weights(random, n, 0.5f));
        return g.Node1("Add", [input, biasName], $"{nodePrefix}/Add/output_0");
    }

    /// <summary>
    /// Symmetric 4-bit block quantization as MatMulNBits reads it without zero points: per output column n and block of
    /// 32 rows, value = (q - 8) * scale; B is [N, K/32, 16] with the even row in the low nibble.
    /// </summary>
    internal static (byte[] Packed, float[] Scales) QuantizeInt4(float[] w, int k, int n)
    {
        int blocks = k / BlockSize;
        var packed = new byte[n * blocks * BlockSize / 2];
        var scales = new float[n * blocks];
        for (int col = 0; col < n; col++)
            for (int b = 0; b < blocks; b++)
            {
                float extreme = 0;
                for (int r = 0; r < BlockSize; r++)
                {
                    float x = w[(b * BlockSize + r) * n + col];
                    if (MathF.Abs(x) > MathF.Abs(extreme)) extreme = x;
                }
                float scale = extreme == 0 ? 1f : extreme / -8f;
                scales[col * blocks + b] = scale;
                for (int r = 0; r < BlockSize; r++)
                {
                    int q = Math.Clamp((int)MathF.Round(w[(b * BlockSize + r) * n + col] / scale) + 8, 0, 15);
                    int index = (col * blocks + b) * (BlockSize / 2) + r / 2;
                    packed[index] |= (byte)(r % 2 == 0 ? q : q << 4);
                }
            }
        return (packed, scales);
    }

    private static OnnxGraph CacheBranch(string graphName, string cosName, string sinName, int length, int d, float[] cos, float[] sin)
    {
        var branch = new OnnxGraph(graphName);
        branch.Node("Constant", [], [cosName], "", ("value", new OnnxGraph.TensorBytes(OnnxGraph.Float, [length, d / 2], OnnxGraph.FloatBytes(cos))));
        branch.Node("Constant", [], [sinName], "", ("value", new OnnxGraph.TensorBytes(OnnxGraph.Float, [length, d / 2], OnnxGraph.FloatBytes(sin))));
        branch.Output(cosName, OnnxGraph.Float, length, d / 2);
        branch.Output(sinName, OnnxGraph.Float, length, d / 2);
        return branch;
    }

    /// <summary>cos/sin of position × inv_freq (divided by the LongRoPE rescale factors), times mscale, [positions, d/2].</summary>
    private static (float[] Cos, float[] Sin) RotaryCaches(int positions, int d, float theta, float[]? rescale, float mscale)
    {
        var cos = new float[positions * d / 2];
        var sin = new float[positions * d / 2];
        for (int i = 0; i < d / 2; i++)
        {
            double invFreq = 1.0 / Math.Pow(theta, 2.0 * i / d) / (rescale?[i] ?? 1f);
            for (int p = 0; p < positions; p++)
            {
                cos[p * d / 2 + i] = (float)(Math.Cos(p * invFreq) * mscale);
                sin[p * d / 2 + i] = (float)(Math.Sin(p * invFreq) * mscale);
            }
        }
        return (cos, sin);
    }

    private static float[] Weights(Random random, int count, float scale, float offset = 0f)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = offset + (float)(random.NextDouble() * 2 - 1) * scale;
        return values;
    }

    private static int HashCode(string text)
    {
        int hash = 17;
        foreach (char c in text) hash = hash * 31 + c;
        return hash;
    }
}

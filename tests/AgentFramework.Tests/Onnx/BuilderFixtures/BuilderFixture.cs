namespace AgentFramework.Tests.Onnx.BuilderFixtures;

/// <summary>Which of the onnxruntime-genai model builder's decoder shapes a fixture has.</summary>
internal enum BuilderFamily
{
    /// <summary>Llama: separate q/k/v MatMuls, rotary fused into GroupQueryAttention (do_rotary=1).</summary>
    LlamaFusedRotary,

    /// <summary>Llama with separate com.microsoft RotaryEmbedding ops fed by a position_ids input (do_rotary=0).</summary>
    LlamaSeparateRotary,

    /// <summary>Phi-3 LongRoPE (the 128k exports): packed qkv, short/long rotary caches chosen by If(total > original).</summary>
    Phi3LongRope,

    /// <summary>Qwen2: bias Add after the q/k/v MatMuls, tied embeddings (lm_head = Transpose(embed_tokens)).</summary>
    Qwen2,
}

/// <summary>One tiny random-weight decoder shaped like the builder's CPU output, fp32 or int4 (MatMulNBits, block 32).</summary>
internal sealed record BuilderFixture(string Name, BuilderFamily Family, bool Int4, int ContextLength, int VocabSize,
    int Hidden = 64, int Heads = 4, int KvHeads = 2, int Layers = 2, int Intermediate = 128, int OriginalContextLength = 0)
{
    public int HeadSize => Hidden / Heads;

    public string ModelType => Family switch
    {
        BuilderFamily.Phi3LongRope => "phi3",
        BuilderFamily.Qwen2 => "qwen2",
        _ => "llama",
    };

    /// <summary>Phi-3's end-of-sequence list (&lt;|end|&gt;, &lt;|assistant|&gt;?, &lt;|endoftext|&gt;) as its genai_config has it.</summary>
    public int[] EosTokenIds => Family == BuilderFamily.Phi3LongRope ? [32007, 32001, 32000] : [2];

    public int BosTokenId => 1;

    public bool HasPositionIds => Family == BuilderFamily.LlamaSeparateRotary;

    // Conformance fixtures: small windows keep CI quick. Phi-3 needs original_context_length 4096 because GenAI's
    // re-encode on crossing is hard-coded at 4,097 tokens for model type phi3 (generators.cpp), like real Phi-3.5.
    public static readonly BuilderFixture[] Conformance =
    [
        new("llama-gqa-fp32", BuilderFamily.LlamaFusedRotary, false, 256, 32000),
        new("llama-gqa-int4", BuilderFamily.LlamaFusedRotary, true, 256, 32000),
        new("llama-rotary-fp32", BuilderFamily.LlamaSeparateRotary, false, 256, 32000),
        new("llama-rotary-int4", BuilderFamily.LlamaSeparateRotary, true, 256, 32000),
        new("qwen2-fp32", BuilderFamily.Qwen2, false, 256, 4096),
        new("qwen2-int4", BuilderFamily.Qwen2, true, 256, 4096),
        new("phi3-longrope-fp32", BuilderFamily.Phi3LongRope, false, 4352, 32064, Hidden: 32, Heads: 2, KvHeads: 1, OriginalContextLength: 4096),
        new("phi3-longrope-int4", BuilderFamily.Phi3LongRope, true, 4352, 32064, Hidden: 32, Heads: 2, KvHeads: 1, Intermediate: 64, OriginalContextLength: 4096),
    ];

    /// <summary>Prefill benchmark fixtures: int4, windows long enough for 8k prompts.</summary>
    public static readonly BuilderFixture[] Benchmark =
    [
        new("bench-llama-gqa-int4", BuilderFamily.LlamaFusedRotary, true, 8448, 32000, Hidden: 128, Heads: 8, KvHeads: 2, Layers: 4, Intermediate: 256),
        new("bench-qwen2-int4", BuilderFamily.Qwen2, true, 8448, 32000, Hidden: 128, Heads: 8, KvHeads: 2, Layers: 4, Intermediate: 256),
    ];

    public static BuilderFixture Get(string name) =>
        Conformance.Concat(Benchmark).FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"no builder fixture '{name}'");
}

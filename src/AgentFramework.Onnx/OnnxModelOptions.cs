namespace AgentFramework.Onnx;

/// <summary>How <see cref="OnnxModel.Load"/> sets up the runtime.</summary>
public sealed record OnnxModelOptions
{
    /// <summary>"cpu" (default) or "cuda".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Intra-op threads for prefill (and for decode unless <see cref="DecodeIntraOpThreads"/> says otherwise). Default: all cores.</summary>
    public int? IntraOpThreads { get; init; }

    /// <summary>
    /// Intra-op threads for single-token decode steps. Null = automatic: 1 for small models (under 64 MiB of weights),
    /// where a decode step is dispatch-bound and extra threads only add synchronisation (measured: 1 thread decodes
    /// ~10% faster on the tiny Llama), else the same as prefill. A different value from prefill opens a second session.
    /// </summary>
    public int? DecodeIntraOpThreads { get; init; }

    /// <summary>Prompt tokens per prefill run; long prompts are prefilled in chunks so activations stay bounded.</summary>
    public int PrefillChunkTokens { get; init; } = 512;

    /// <summary>
    /// Memory bound of the prefix cache (KV states of recent prompts, least recently used evicted first); 0 disables it.
    /// Null (default): the KV of one whole context window, within a quarter of available memory (see <see cref="PrefixCacheSizing"/>).
    /// </summary>
    public long? PrefixCacheBytes { get; init; }

    /// <summary>
    /// Rewrite the decoder graph at load so the output projection runs only on the last position (generation never
    /// needs the other rows). Off: logits for every position, as exported (tests comparing full passes use that).
    /// </summary>
    public bool LastPositionLogitsOnly { get; init; } = true;

    /// <summary>
    /// Engine for the forward passes: "agentfw" (default, our decoder runner with chunked prefill and the prefix cache)
    /// or "genai" (ONNX Runtime GenAI; our tokenizer ids, sampling and stop handling).
    /// </summary>
    public string Runtime { get; init; } = OnnxModel.AgentFwRuntime;

    /// <summary>Overrides the folder's own chat template: a .jinja file, or a built-in name (see <see cref="Chat.ChatTemplates"/>).</summary>
    public string? ChatTemplate { get; init; }
}

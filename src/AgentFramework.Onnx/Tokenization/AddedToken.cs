namespace AgentFramework.Onnx.Tokenization;

/// <summary>A token the tokenizer matches verbatim before the model's own algorithm runs (e.g. &lt;|im_start|&gt;, &lt;/s&gt;).</summary>
/// <param name="Special">Control tokens (BOS, EOS, chat markers): skipped when decoding generated text.</param>
/// <param name="Lstrip">A match also swallows the whitespace on its left (Hugging Face added-token flag).</param>
/// <param name="Rstrip">A match also swallows the whitespace on its right (Phi-3's &lt;|assistant|&gt; and &lt;|end|&gt;).</param>
/// <param name="SingleWord">Matches only when not inside a word.</param>
/// <param name="Normalized">Matched in normalized text (e.g. GPT-2's runs of spaces).</param>
public sealed record AddedToken(int Id, string Content, bool Special, bool Lstrip = false, bool Rstrip = false, bool SingleWord = false, bool Normalized = false)
{
    /// <summary>
    /// Whether the token is chat control (special, or non-special markup such as &lt;|assistant|&gt;): never produced
    /// from message content. Whitespace-only added tokens (GPT-2's space runs) are ordinary text.
    /// </summary>
    public bool IsControl => Special || Content.Any(c => !char.IsWhiteSpace(c));
}

/// <summary>Where a SentencePiece-style tokenizer puts its "▁" prefix space (Hugging Face's Prepend normalizer / Metaspace prepend_scheme).</summary>
public enum PrefixSpaceScheme
{
    /// <summary>No prefix (byte-level BPE: GPT-2, Llama 3, Qwen).</summary>
    Never,

    /// <summary>Before every piece of text between added tokens (legacy Llama/Mistral: Prepend normalizer, Metaspace "always").</summary>
    Always,

    /// <summary>Only before text at the very start of the input (Metaspace prepend_scheme "first").</summary>
    First,
}

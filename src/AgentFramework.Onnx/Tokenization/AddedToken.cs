namespace AgentFramework.Onnx.Tokenization;

/// <summary>A token the tokenizer matches verbatim before the model's own algorithm runs (e.g. &lt;|im_start|&gt;, &lt;/s&gt;).</summary>
/// <param name="Special">Control tokens (BOS, EOS, chat markers): skipped when decoding generated text.</param>
public sealed record AddedToken(int Id, string Content, bool Special);

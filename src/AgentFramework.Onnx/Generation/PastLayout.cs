namespace AgentFramework.Onnx.Generation;

/// <summary>How the decoder graph carries its KV cache.</summary>
public enum PastLayout
{
    /// <summary>Separate key and value per layer, [batch, kv_heads, past, head_size] (past_key_values.%d.key/value).</summary>
    PerLayerKeyValue,

    /// <summary>One tensor per layer holding key and value, [2, batch, heads, past, head_size] (GPT-2's past_%d).</summary>
    Combined,
}

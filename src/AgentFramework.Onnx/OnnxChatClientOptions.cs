namespace AgentFramework.Onnx;

/// <summary>Defaults of <see cref="OnnxChatClient"/> when a request does not say.</summary>
public sealed record OnnxChatClientOptions
{
    /// <summary>New tokens when ChatOptions.MaxOutputTokens is absent (lowered to what fits the context).</summary>
    public int DefaultMaxOutputTokens { get; init; } = 512;

    /// <summary>Reuse KV states of earlier prompts sharing a token prefix.</summary>
    public bool UsePrefixCache { get; init; } = true;
}

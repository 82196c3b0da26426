namespace AgentFramework.Onnx.Generation;

/// <summary>One generation: how many new tokens at most, how to sample, whether to use the prefix cache.</summary>
public sealed record GenerationRequest
{
    /// <summary>Maximum new tokens (reserved on top of the prompt; the prompt plus this must fit the context).</summary>
    public int MaxNewTokens { get; init; } = 256;

    public SamplingSettings Sampling { get; init; } = SamplingSettings.Greedy;

    public bool UsePrefixCache { get; init; } = true;
}

public enum GenerationFinishReason
{
    None,
    /// <summary>An end-of-sequence token was produced.</summary>
    EndOfSequence,
    /// <summary>MaxNewTokens was reached.</summary>
    Length,
    /// <summary>A stop sequence appeared in the text (set by the text layer).</summary>
    StopSequence,
}

/// <summary>Figures of one generation, filled while it runs.</summary>
public sealed class GenerationStats
{
    public int PromptTokens { get; internal set; }

    /// <summary>Prompt tokens whose KV state came from the prefix cache instead of being prefilled.</summary>
    public int ReusedPromptTokens { get; internal set; }

    public int CompletionTokens { get; internal set; }

    public TimeSpan TimeToFirstToken { get; internal set; }

    /// <summary>Time from the first token to the last.</summary>
    public TimeSpan DecodeTime { get; internal set; }

    public GenerationFinishReason FinishReason { get; set; }

    /// <summary>Tokens after the first, per second of decode time.</summary>
    public double DecodeTokensPerSecond => CompletionTokens > 1 && DecodeTime > TimeSpan.Zero ? (CompletionTokens - 1) / DecodeTime.TotalSeconds : 0;

    /// <summary>Prompt tokens actually prefilled per second of time to first token.</summary>
    public double PrefillTokensPerSecond => TimeToFirstToken > TimeSpan.Zero ? (PromptTokens - ReusedPromptTokens) / TimeToFirstToken.TotalSeconds : 0;
}

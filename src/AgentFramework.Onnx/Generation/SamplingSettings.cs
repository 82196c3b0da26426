namespace AgentFramework.Onnx.Generation;

/// <summary>How the next token is chosen. Temperature 0 (or null) is greedy.</summary>
public sealed record SamplingSettings
{
    public float Temperature { get; init; }

    public int? TopK { get; init; }

    public float? TopP { get; init; }

    /// <summary>Hugging Face-style repetition penalty (&gt; 1 discourages tokens already in prompt or output); 1 = off.</summary>
    public float RepetitionPenalty { get; init; } = 1f;

    public int? Seed { get; init; }

    public bool IsGreedy => Temperature <= 0f;

    public static SamplingSettings Greedy { get; } = new();
}

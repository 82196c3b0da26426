using AgentFramework.Errors;

namespace AgentFramework.Chunking;

/// <summary>Token budget per chunk and overlap between neighbours, counted by the model's tokenizer.</summary>
public sealed class ChunkingOptions
{
    /// <summary>Smallest budget accepted: below it a single character may not fit.</summary>
    public const int MinMaxTokens = 8;

    public int MaxTokens { get; set; } = 512;
    public int OverlapTokens { get; set; } = 64;

    /// <summary>Throws <see cref="InvalidOptionException"/> naming the option (as the caller spells it) and a valid range.</summary>
    public void Validate(string maxTokensName = nameof(MaxTokens), string overlapName = nameof(OverlapTokens))
    {
        if (MaxTokens < MinMaxTokens)
            throw new InvalidOptionException(maxTokensName, $"{maxTokensName} must be at least {MinMaxTokens} (got {MaxTokens}); give a chunk size in tokens such as 512");
        if (OverlapTokens < 0)
            throw new InvalidOptionException(overlapName, $"{overlapName} must be 0 or more (got {OverlapTokens})");
        if (OverlapTokens >= MaxTokens)
            throw new InvalidOptionException(overlapName, $"{overlapName} ({OverlapTokens}) must be smaller than {maxTokensName} ({MaxTokens}); lower {overlapName} or raise {maxTokensName}");
    }
}

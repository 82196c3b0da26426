namespace AgentFramework.Chunking;

/// <summary>Token budget per chunk and overlap between neighbours, counted by the model's tokenizer.</summary>
public sealed class ChunkingOptions
{
    public int MaxTokens { get; set; } = 512;
    public int OverlapTokens { get; set; } = 64;
}

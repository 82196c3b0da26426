using AgentFramework.Retrieval;

namespace AgentFramework.Agents.RetrieveThenReason;

/// <summary>Retrieve-then-reason (ALR²-style) settings.</summary>
public sealed class RetrieveThenReasonOptions
{
    /// <summary>Chunks retrieved, i.e. extraction calls made.</summary>
    public int TopK { get; set; } = 5;

    public SearchMode SearchMode { get; set; } = SearchMode.Auto;

    /// <summary>Chunk size when the pipeline indexes the documents itself; capped so an extract prompt fits the window.</summary>
    public int ChunkTokens { get; set; } = 512;

    /// <summary>max_tokens of one extraction call.</summary>
    public int ExtractTokens { get; set; } = 256;

    /// <summary>max_tokens of the reasoning call.</summary>
    public int AnswerTokens { get; set; } = 512;

    /// <summary>Extraction calls in flight at once.</summary>
    public int MaxParallelExtracts { get; set; } = 4;

    /// <summary>The fixed answer when no extracted passage is grounded in the source (no reasoning call is made).</summary>
    public string AbstentionText { get; set; } = "The document does not contain the answer to this question.";
}

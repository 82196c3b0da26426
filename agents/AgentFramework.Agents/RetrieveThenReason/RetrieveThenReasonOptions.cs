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

    /// <summary>
    /// The answer when the model quoted passages ({0}: how many) but none matched the source: a grounding failure,
    /// which must not read as <see cref="AbstentionText"/>.
    /// </summary>
    public string NoGroundedPassageText { get; set; } =
        "No grounded passage: the model quoted {0} passage(s) from the retrieved text, but none matched the document, so no answer could be grounded. This does not show that the document lacks the answer.";
}

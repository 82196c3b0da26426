using AgentFramework.Retrieval;

namespace AgentFramework.Agents;

/// <summary>Per-call options of <see cref="IDocumentAgent"/>; pipeline tuning lives in <see cref="AgentFrameworkOptions"/>.</summary>
public sealed class PipelineRunOptions
{
    /// <summary>Length of a summary in words (summaries only).</summary>
    public int SummaryWords { get; set; } = 300;

    /// <summary>An index that already holds the documents (retrieve-then-reason); null to build an ephemeral one.</summary>
    public IChunkIndex? Index { get; set; }
}

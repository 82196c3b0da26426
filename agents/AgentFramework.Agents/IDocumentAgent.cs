using AgentFramework.Documents;

namespace AgentFramework.Agents;

/// <summary>
/// Asks questions about, or summarises, documents of any length with a chosen reading pipeline. Registered by
/// <c>services.AddAgentFramework(...)</c>.
/// </summary>
public interface IDocumentAgent
{
    Task<PipelineResult> AskAsync(IReadOnlyList<Document> documents, string question, PipelineKind pipeline,
        PipelineRunOptions? options = null, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default);

    Task<PipelineResult> SummarizeAsync(IReadOnlyList<Document> documents, PipelineKind pipeline,
        PipelineRunOptions? options = null, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default);
}

using AgentFramework.Documents;

namespace AgentFramework.Agents;

/// <summary>
/// Asks questions about, summarises, or writes from documents of any length with a pipeline chosen by name
/// (<see cref="PipelineNames"/> or one a user registered). Registered by <c>services.AddAgentFramework(...)</c>.
/// </summary>
public interface IDocumentAgent
{
    /// <summary>The names of the registered pipelines.</summary>
    IReadOnlyList<string> Pipelines { get; }

    Task<PipelineResult> AskAsync(IReadOnlyList<Document> documents, string question, string pipeline,
        PipelineRunOptions? options = null, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default);

    Task<PipelineResult> SummarizeAsync(IReadOnlyList<Document> documents, string pipeline,
        PipelineRunOptions? options = null, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>The one entry every caller ends in (CLI, bench, tools): runs <paramref name="request"/> on the pipeline named <paramref name="pipeline"/>.</summary>
    Task<PipelineResult> RunAsync(string pipeline, PipelineRequest request, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default);
}

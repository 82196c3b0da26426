using AgentFramework.Citations;

namespace AgentFramework.Agents.Execution;

/// <summary>What a pipeline returns to the runner, which adds the trace.</summary>
public sealed record PipelineOutput(string Text, IReadOnlyList<Citation> Citations);

/// <summary>One reading pipeline. Sees only the model (through the kernel), the profile, embeddings and an index.</summary>
public interface IReadingPipeline
{
    PipelineKind Kind { get; }

    /// <summary>Whether the pipeline needs a chat model (all but the extractive one do).</summary>
    bool NeedsModel { get; }

    Task<PipelineOutput> RunAsync(ReadingTask task, PipelineRun run, PipelineRunOptions options, CancellationToken cancellationToken);
}

using AgentFramework.Citations;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Tracing;

namespace AgentFramework.Evaluation.Runner;

/// <summary>What a pipeline produced for a case: the text, its citations, and the trace of its model calls.</summary>
public sealed record PipelineRunResult(string Text, IReadOnlyList<Citation> Citations, PipelineTrace Trace);

/// <summary>
/// A strategy under evaluation, as the runner sees it. The reading pipelines of AgentFramework.Agents are adapted to
/// this; the seam keeps the runner testable and lets pipelines that land later (memory-stream, plan-then-write) join.
/// </summary>
public interface IBenchmarkPipeline
{
    /// <summary>The name in results and reports ("full-context", "chain-of-agents", ...).</summary>
    string Name { get; }

    /// <summary>Whether the pipeline can run cases of this kind (e.g. writing needs a writing pipeline).</summary>
    bool Supports(TaskKind kind);

    Task<PipelineRunResult> RunAsync(BenchmarkCase benchmarkCase, CancellationToken cancellationToken);
}

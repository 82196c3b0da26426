using AgentFramework.Tracing;

namespace AgentFramework.Agents.Execution;

/// <summary>
/// Runs one <see cref="IDocumentPipeline"/> request: opens its trace, makes it ambient for the model middleware (the
/// only place a trace becomes ambient; pipeline code records through <see cref="PipelineRun.Trace"/>), labels calls
/// with the pipeline's name, and runs it. <see cref="IDocumentAgent"/> and the richer facades (memory-stream,
/// plan-then-write) all come through here.
/// </summary>
public static class PipelineRunner
{
    public static async Task<PipelineResult> RunAsync(IDocumentPipeline pipeline, PipelineRequest request,
        IProgress<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        var run = new PipelineRun(new PipelineTrace(), progress);
        using var _ = PipelineContext.Begin(run.Trace);
        using var __ = PipelineContext.Stage(pipeline.Name);
        return await pipeline.RunAsync(request, run, cancellationToken).ConfigureAwait(false);
    }
}

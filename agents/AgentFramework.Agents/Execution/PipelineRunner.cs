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
        using var _ = Ambient(run.Trace, pipeline.Name);
        return await pipeline.RunAsync(request, run, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes <paramref name="trace"/> the ambient one (and labels calls with <paramref name="stage"/>) until disposed: the
    /// single place a trace is handed to what sits beneath the pipelines (model middleware, prompt caller, chunker).
    /// </summary>
    public static IDisposable Ambient(PipelineTrace trace, string? stage = null)
    {
        var begun = PipelineContext.Begin(trace);
        return stage is null ? begun : new Both(begun, PipelineContext.Stage(stage));
    }

    private sealed class Both(IDisposable outer, IDisposable inner) : IDisposable
    {
        public void Dispose()
        {
            inner.Dispose();
            outer.Dispose();
        }
    }
}

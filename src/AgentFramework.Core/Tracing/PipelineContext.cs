namespace AgentFramework.Tracing;

/// <summary>
/// The ambient trace and stage for model calls made on this logical call path (flows across awaits and into
/// Semantic Kernel prompt functions). Middleware reads it; pipelines set it:
/// <code>using var _ = PipelineContext.Begin(trace); using var __ = PipelineContext.Stage("chain-of-agents/worker");</code>
/// </summary>
public static class PipelineContext
{
    private static readonly AsyncLocal<Frame?> Current = new();

    /// <summary>Trace that receives calls made on this logical path, or null outside any pipeline run.</summary>
    public static PipelineTrace? Trace => Current.Value?.Trace;

    /// <summary>Stage name for calls made now; "default" outside any stage.</summary>
    public static string StageName => Current.Value?.Stage ?? "default";

    /// <summary>Routes model calls on this logical path into <paramref name="trace"/> until disposed.</summary>
    public static IDisposable Begin(PipelineTrace trace) => Push(new Frame(trace, Current.Value?.Stage));

    /// <summary>Labels model calls on this logical path with <paramref name="stage"/> until disposed.</summary>
    public static IDisposable Stage(string stage) => Push(new Frame(Current.Value?.Trace, stage));

    private static IDisposable Push(Frame frame)
    {
        var previous = Current.Value;
        Current.Value = frame;
        return new Restore(previous);
    }

    private sealed record Frame(PipelineTrace? Trace, string? Stage);

    private sealed class Restore(Frame? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}

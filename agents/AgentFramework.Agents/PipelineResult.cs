using System.Collections.Immutable;
using AgentFramework.Citations;
using AgentFramework.Tracing;

namespace AgentFramework.Agents;

/// <summary>
/// What a pipeline produced: the text, the source spans backing it, and everything it did on the way. Richer results
/// (a memory-stream's memory report, plan-then-write's plan and sections) ride along as typed extras:
/// <c>result.Extra&lt;WritingResult&gt;()</c>.
/// </summary>
public sealed record PipelineResult(string Text, IReadOnlyList<Citation> Citations, PipelineTrace Trace)
{
    private ImmutableDictionary<Type, object> _extras = ImmutableDictionary<Type, object>.Empty;

    /// <summary>This result with <paramref name="extra"/> attached (one per type).</summary>
    public PipelineResult WithExtra<T>(T extra) where T : class => this with { _extras = _extras.SetItem(typeof(T), extra) };

    /// <summary>The extra of type <typeparamref name="T"/>, or null when the pipeline attached none.</summary>
    public T? Extra<T>() where T : class => _extras.TryGetValue(typeof(T), out var value) ? (T)value : null;
}

using AgentFramework.Citations;
using AgentFramework.Tracing;

namespace AgentFramework.Agents;

/// <summary>What a pipeline produced: the text, the source spans backing it, and everything it did on the way.</summary>
public sealed record PipelineResult(string Text, IReadOnlyList<Citation> Citations, PipelineTrace Trace);

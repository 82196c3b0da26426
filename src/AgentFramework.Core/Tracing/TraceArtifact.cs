using AgentFramework.Citations;

namespace AgentFramework.Tracing;

/// <summary>An intermediate product of a pipeline (communication unit, extracted passage, memory, plan, section).</summary>
public sealed record TraceArtifact(string Stage, string Name, string Content, IReadOnlyList<Citation>? Citations = null);

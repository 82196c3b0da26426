using AgentFramework.Retrieval;

namespace AgentFramework.Agents.Execution;

/// <summary>Creates the ephemeral index retrieve-then-reason fills when the caller gives none; disposed after the run.</summary>
public interface IChunkIndexFactory
{
    Task<IChunkIndex> CreateEphemeralAsync(CancellationToken cancellationToken);
}

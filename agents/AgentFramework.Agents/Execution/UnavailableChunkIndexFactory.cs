using AgentFramework.Errors;
using AgentFramework.Retrieval;

namespace AgentFramework.Agents.Execution;

/// <summary>Stands in until an embedded index is registered: retrieve-then-reason then needs an index given per call.</summary>
public sealed class UnavailableChunkIndexFactory : IChunkIndexFactory
{
    public Task<IChunkIndex> CreateEphemeralAsync(CancellationToken cancellationToken) =>
        throw new InvalidOptionException("--pipeline", "retrieve-then-reason needs a chunk index and none is registered; register an IChunkIndexFactory or pass PipelineRunOptions.Index");
}

namespace AgentFramework.Agents;

/// <summary>
/// The one pipeline contract. Every pipeline (the built-in six and any a user adds) takes a <see cref="PipelineRequest"/>
/// and returns a <see cref="PipelineResult"/>, and is registered as a keyed service under its name
/// (<see cref="AgentFrameworkBuilder.AddPipeline{TPipeline}(string)"/>), so callers look it up by name.
/// </summary>
public interface IDocumentPipeline
{
    /// <summary>The name it is registered under (<c>--pipeline</c> value, trace stage prefix).</summary>
    string Name { get; }

    /// <summary>Whether the pipeline needs a chat model (all built-in ones but extractive do).</summary>
    bool NeedsModel { get; }

    /// <summary>Whether it can serve <paramref name="goal"/> (a reading pipeline does not write; plan-then-write only writes).</summary>
    bool Supports(PipelineGoal goal);

    /// <summary>Runs the request, recording into <paramref name="run"/>'s trace (ambient for the model middleware during the run).</summary>
    Task<PipelineResult> RunAsync(PipelineRequest request, PipelineRun run, CancellationToken cancellationToken);
}

using AgentFramework.Agents;
using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Runner;

/// <summary>
/// A pipeline of <see cref="IDocumentAgent"/>, by name, as a benchmark pipeline. A reading pipeline takes questions,
/// multiple choice and query-focused summaries through <see cref="IDocumentAgent.AskAsync"/> and summaries without a
/// query through <see cref="IDocumentAgent.SummarizeAsync"/>; a writing pipeline takes writing cases (the instruction and
/// its required length, <see cref="DefaultWords"/> when the case gives none).
/// </summary>
public sealed class DocumentAgentPipeline(IDocumentAgent agent, string name, PipelineRunOptions? options = null, bool writes = false) : IBenchmarkPipeline
{
    public const int DefaultWords = 1000;

    public string Name => name;

    public bool Supports(TaskKind taskKind) => writes ? taskKind == TaskKind.Writing : taskKind != TaskKind.Writing;

    public async Task<PipelineRunResult> RunAsync(BenchmarkCase benchmarkCase, CancellationToken cancellationToken)
    {
        var result = writes
            ? await agent.RunAsync(name, new PipelineRequest([], PipelineGoal.Write, benchmarkCase.Question, benchmarkCase.RequiredWords ?? DefaultWords),
                cancellationToken: cancellationToken).ConfigureAwait(false)
            : benchmarkCase.Kind == TaskKind.Summary && string.IsNullOrWhiteSpace(benchmarkCase.Question)
            ? await agent.SummarizeAsync(benchmarkCase.Documents, name, options, null, cancellationToken).ConfigureAwait(false)
            : await agent.AskAsync(benchmarkCase.Documents, BenchmarkQuestion.For(benchmarkCase), name, options, null, cancellationToken).ConfigureAwait(false);
        return new PipelineRunResult(result.Text, result.Citations, result.Trace);
    }
}

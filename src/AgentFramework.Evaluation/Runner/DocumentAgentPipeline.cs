using AgentFramework.Agents;
using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Runner;

/// <summary>
/// A reading pipeline of <see cref="IDocumentAgent"/> as a benchmark pipeline: questions, multiple choice and
/// query-focused summaries go through <see cref="IDocumentAgent.AskAsync"/>, summaries without a query through
/// <see cref="IDocumentAgent.SummarizeAsync"/>. Writing cases need a writing pipeline and are not supported here.
/// </summary>
public sealed class DocumentAgentPipeline(IDocumentAgent agent, PipelineKind kind, PipelineRunOptions? options = null) : IBenchmarkPipeline
{
    public string Name => PipelineKinds.Name(kind);

    public bool Supports(TaskKind taskKind) => taskKind != TaskKind.Writing;

    public async Task<PipelineRunResult> RunAsync(BenchmarkCase benchmarkCase, CancellationToken cancellationToken)
    {
        var result = benchmarkCase.Kind == TaskKind.Summary && string.IsNullOrWhiteSpace(benchmarkCase.Question)
            ? await agent.SummarizeAsync(benchmarkCase.Documents, kind, options, null, cancellationToken).ConfigureAwait(false)
            : await agent.AskAsync(benchmarkCase.Documents, BenchmarkQuestion.For(benchmarkCase), kind, options, null, cancellationToken).ConfigureAwait(false);
        return new PipelineRunResult(result.Text, result.Citations, result.Trace);
    }
}

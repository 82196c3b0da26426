using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Evaluation.Datasets;

namespace AgentFramework.Evaluation.Runner;

/// <summary>The plan-then-write pipeline for writing cases (LongBench-Write): the instruction and its required length.</summary>
public sealed class PlanThenWriteBenchmarkPipeline(PlanThenWritePipeline pipeline) : IBenchmarkPipeline
{
    private const int DefaultWords = 1000;

    public string Name => PlanThenWritePipeline.Name;

    public bool Supports(TaskKind kind) => kind == TaskKind.Writing;

    public async Task<PipelineRunResult> RunAsync(BenchmarkCase benchmarkCase, CancellationToken cancellationToken)
    {
        var result = await pipeline.WriteAsync(new WritingRequest(benchmarkCase.Question, benchmarkCase.RequiredWords ?? DefaultWords),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return new PipelineRunResult(result.Markdown, result.Citations, result.Trace);
    }
}

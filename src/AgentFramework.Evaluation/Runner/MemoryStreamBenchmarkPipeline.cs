using AgentFramework.Agents.MemoryStream;
using AgentFramework.Chunking;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Runner;

/// <summary>
/// The memory-stream pipeline as a benchmark pipeline. It reads one document: cases with several documents fail with a
/// recorded error. Questions on a document already read are answered from the stored memory (as the pipeline does for
/// users), so later questions on the same L-Eval document cost one call.
/// </summary>
public sealed class MemoryStreamBenchmarkPipeline(MemoryStreamPipeline pipeline, ITokenCounter counter, int chunkTokens) : IBenchmarkPipeline
{
    public string Name => MemoryStreamPipeline.Name;

    public bool Supports(TaskKind kind) => kind != TaskKind.Writing;

    public async Task<PipelineRunResult> RunAsync(BenchmarkCase benchmarkCase, CancellationToken cancellationToken)
    {
        if (benchmarkCase.Documents.Count != 1)
            throw new NotSupportedException($"memory-stream reads one document; case {benchmarkCase.Id} has {benchmarkCase.Documents.Count}");
        var document = benchmarkCase.Documents[0];
        var chunks = new Chunker(counter).Split(document, new ChunkingOptions { MaxTokens = chunkTokens, OverlapTokens = 0 }, cancellationToken);
        var result = benchmarkCase.Kind == TaskKind.Summary && string.IsNullOrWhiteSpace(benchmarkCase.Question)
            ? await pipeline.SummarizeAsync(document, chunks, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await pipeline.AskAsync(document, chunks, BenchmarkQuestion.For(benchmarkCase), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new PipelineRunResult(result.Text, result.Citations, result.Trace);
    }
}

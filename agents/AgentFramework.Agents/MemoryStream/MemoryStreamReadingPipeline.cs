using AgentFramework.Agents.Chunking;
using AgentFramework.Agents.Execution;
using AgentFramework.Chunking;
using AgentFramework.Errors;
using AgentFramework.Retrieval.Memory;
using Microsoft.Extensions.AI;

namespace AgentFramework.Agents.MemoryStream;

/// <summary>
/// The memory-stream pipeline as an <see cref="IDocumentPipeline"/> (<c>--pipeline memory-stream</c>): chunks the document
/// only when its memory is not stored yet, reads it once, and answers or summarises from memory. One document per
/// request (a folder is already one document). The <see cref="MemoryStreamResult"/> rides on the result as an extra.
/// </summary>
public sealed class MemoryStreamReadingPipeline(
    PipelineModel model,
    IDocumentChunker chunker,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IMemoryStore store,
    Microsoft.Extensions.Options.IOptions<MemoryStreamOptions> options) : IDocumentPipeline
{
    public string Name => PipelineNames.MemoryStream;

    public bool NeedsModel => true;

    public bool Supports(PipelineGoal goal) => goal != PipelineGoal.Write;

    public async Task<PipelineResult> RunAsync(PipelineRequest task, PipelineRun run, CancellationToken cancellationToken)
    {
        if (task.Documents.Count != 1)
            throw new InvalidOptionException("PipelineKind", $"the memory-stream pipeline reads one document at a time (got {task.Documents.Count}); pass a single file or folder");
        var document = task.Documents[0];
        var pipeline = new MemoryStreamPipeline(model.Caller(Name), embedder, store, model.Profile, options.Value);

        IReadOnlyList<Chunk> chunks = [];
        if (!await pipeline.HasMemoryAsync(document, cancellationToken).ConfigureAwait(false))
        {
            chunks = chunker.Split(document, new ChunkingOptions { MaxTokens = await pipeline.ChunkTokensAsync(cancellationToken).ConfigureAwait(false), OverlapTokens = 0 }, model.Profile.TokenCounter);
            run.PlanCalls(chunks.Count, $"{MemoryStreamPipeline.Name}/observe");
        }
        run.PlanCalls(1, $"{MemoryStreamPipeline.Name}/{(task.Goal == PipelineGoal.Answer ? "answer" : "summarize")}");
        var progress = new Progress<ReadingProgress>(_ => run.CallFinished($"{MemoryStreamPipeline.Name}/observe"));

        var result = task.Goal == PipelineGoal.Answer
            ? await pipeline.AnswerAsync(document, chunks, task.Question!, run.Trace, progress, cancellationToken).ConfigureAwait(false)
            : await pipeline.SummarizeAsync(document, chunks, task.Words, run.Trace, progress, cancellationToken).ConfigureAwait(false);
        run.CallFinished($"{MemoryStreamPipeline.Name}/{(task.Goal == PipelineGoal.Answer ? "answer" : "summarize")}");
        return new PipelineResult(result.Text, result.Citations, run.Trace).WithExtra(result);
    }
}

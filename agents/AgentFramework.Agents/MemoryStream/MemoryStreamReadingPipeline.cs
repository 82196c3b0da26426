using AgentFramework.Agents.Chunking;
using AgentFramework.Agents.Execution;
using AgentFramework.Chunking;
using AgentFramework.Errors;
using AgentFramework.Retrieval.Memory;
using Microsoft.Extensions.AI;

namespace AgentFramework.Agents.MemoryStream;

/// <summary>
/// The memory-stream pipeline behind <see cref="IDocumentAgent"/> (<c>--pipeline memory-stream</c>): chunks the document
/// only when its memory is not stored yet, reads it once, and answers or summarises from memory. One document per
/// request (a folder is already one document).
/// </summary>
public sealed class MemoryStreamReadingPipeline(
    PipelineModel model,
    IDocumentChunker chunker,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IMemoryStore store,
    MemoryStreamOptions options) : IReadingPipeline
{
    public PipelineKind Kind => PipelineKind.MemoryStream;

    public bool NeedsModel => true;

    public async Task<PipelineOutput> RunAsync(ReadingTask task, PipelineRun run, PipelineRunOptions runOptions, CancellationToken cancellationToken)
    {
        if (task.Documents.Count != 1)
            throw new InvalidOptionException("PipelineKind", $"the memory-stream pipeline reads one document at a time (got {task.Documents.Count}); pass a single file or folder");
        var document = task.Documents[0];
        var pipeline = new MemoryStreamPipeline(model.Caller(Kind), embedder, store, model.Profile, options);

        IReadOnlyList<Chunk> chunks = [];
        if (!await pipeline.HasMemoryAsync(document, cancellationToken))
        {
            chunks = chunker.Split(document, new ChunkingOptions { MaxTokens = pipeline.ChunkTokens, OverlapTokens = 0 }, model.Profile.TokenCounter);
            run.PlanCalls(chunks.Count, $"{MemoryStreamPipeline.Name}/observe");
        }
        run.PlanCalls(1, $"{MemoryStreamPipeline.Name}/{(task.Goal == ReadingGoal.Answer ? "answer" : "summarize")}");
        var progress = new Progress<ReadingProgress>(_ => run.CallFinished($"{MemoryStreamPipeline.Name}/observe"));

        var result = task.Goal == ReadingGoal.Answer
            ? await pipeline.AskAsync(document, chunks, task.Question!, run.Trace, progress, cancellationToken)
            : await pipeline.SummarizeAsync(document, chunks, task.SummaryWords, run.Trace, progress, cancellationToken);
        run.CallFinished($"{MemoryStreamPipeline.Name}/{(task.Goal == ReadingGoal.Answer ? "answer" : "summarize")}");
        return new PipelineOutput(result.Text, result.Citations);
    }
}

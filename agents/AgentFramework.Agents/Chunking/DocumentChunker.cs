using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Tokens;
using AgentFramework.Tracing;

namespace AgentFramework.Agents.Chunking;

/// <summary>
/// The default <see cref="IDocumentChunker"/>: the framework's <see cref="Chunker"/> with the model's counter. The
/// last few splits are remembered, so questions over the same document (bench cases, several <c>-q</c>) chunk it once;
/// the trace counts "chunked_documents" and "reused_chunkings". Chunks are immutable, so sharing them is safe.
/// </summary>
public sealed class DocumentChunker : IDocumentChunker
{
    /// <summary>Splits remembered (least recently used dropped first): a few documents of one benchmark or session.</summary>
    public const int RememberedSplits = 8;

    private readonly LinkedList<(SplitKey Key, IReadOnlyList<Chunk> Chunks)> _recent = new();
    private readonly Lock _lock = new();

    public IReadOnlyList<Chunk> Split(Document document, ChunkingOptions options, ITokenCounter tokenCounter)
    {
        var key = new SplitKey(document.Id, document.Kind, document.Text.Length, document.Sections.Count, document.Files.Count,
            options.MaxTokens, options.OverlapTokens, tokenCounter.Name, tokenCounter);
        lock (_lock)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Key != key) continue;
                _recent.Remove(node);
                _recent.AddFirst(node);
                PipelineContext.Trace?.Increment("reused_chunkings");
                return node.Value.Chunks;
            }
        }
        var chunks = new Chunker(tokenCounter).Split(document, options);
        PipelineContext.Trace?.Increment("chunked_documents");
        lock (_lock)
        {
            _recent.AddFirst((key, chunks));
            while (_recent.Count > RememberedSplits) _recent.RemoveLast();
        }
        return chunks;
    }

    // The counter instance is part of the key: two tokenizers may share a name but not their counts.
    private readonly record struct SplitKey(string DocumentId, DocumentKind Kind, int Length, int Sections, int Files,
        int MaxTokens, int OverlapTokens, string CounterName, ITokenCounter Counter);
}

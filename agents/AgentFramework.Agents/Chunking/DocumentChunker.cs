using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Tokens;

namespace AgentFramework.Agents.Chunking;

/// <summary>The default <see cref="IDocumentChunker"/>: the framework's <see cref="Chunker"/> with the model's counter.</summary>
public sealed class DocumentChunker : IDocumentChunker
{
    public IReadOnlyList<Chunk> Split(Document document, ChunkingOptions options, ITokenCounter tokenCounter) =>
        new Chunker(tokenCounter).Split(document, options);
}

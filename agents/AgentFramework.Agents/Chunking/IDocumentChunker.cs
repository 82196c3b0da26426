using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Tokens;

namespace AgentFramework.Agents.Chunking;

/// <summary>Splits a document into chunks of at most <see cref="ChunkingOptions.MaxTokens"/> tokens by the given counter.</summary>
public interface IDocumentChunker
{
    IReadOnlyList<Chunk> Split(Document document, ChunkingOptions options, ITokenCounter tokenCounter);
}

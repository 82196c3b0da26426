using AgentFramework.Agents.Chunking;
using AgentFramework.Chunking;
using AgentFramework.Citations;
using AgentFramework.Documents;
using AgentFramework.Plugins.Native;
using AgentFramework.Tokens;

namespace AgentFramework.Agents.Execution;

/// <summary>A chunk in reading order across all documents of a task, with its prompt label (C1, C2, …).</summary>
public sealed record ReadingChunk(string Label, Chunk Chunk, Document Document)
{
    /// <summary>The whole chunk as a citation: its span in the document and its exact text.</summary>
    public string DocumentName => Document.Name;

    public Citation ToCitation() => new(Document.Name, Chunk.Start, Chunk.End, Chunk.Text, Chunk.Id);
}

public static class ReadingChunks
{
    /// <summary>Chunks every document (in the given order) to <paramref name="maxTokens"/> and labels them in reading order.</summary>
    public static IReadOnlyList<ReadingChunk> Split(PipelineRequest task, IDocumentChunker chunker, int maxTokens, ITokenCounter counter)
    {
        var result = new List<ReadingChunk>();
        foreach (var document in task.Documents)
            foreach (var chunk in chunker.Split(document, new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = 0 }, counter))
                result.Add(new ReadingChunk(ChunkFormatter.Label(result.Count), chunk, document));
        return result;
    }
}

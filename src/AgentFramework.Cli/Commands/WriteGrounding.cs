using AgentFramework.Chunking;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Embeddings;
using AgentFramework.Retrieval.Stores;

namespace AgentFramework.Cli.Commands;

/// <summary>
/// Builds the index <c>agentfw write --grounding PATH</c> retrieves evidence from: the document is loaded, chunked with
/// the model's tokenizer and added to an SQLite chunk index kept per document under the agentfw data folder, so a re-run
/// reuses it (adding an unchanged document is a no-op). The built-in hashing embedding keeps it model-independent.
/// </summary>
internal static class WriteGrounding
{
    public static async Task<IChunkIndex> BuildIndexAsync(string path, ResolvedModel model, CancellationToken ct)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new DocumentLoadException(path, $"--grounding '{path}' does not exist: give a document or folder to ground the writing in");
        var document = await new DocumentLoader(DocumentLimitOptions.Current).LoadAsync(path, ct);
        var options = new ChunkingOptions { MaxTokens = Math.Clamp(model.Profile.ContextLength / 8, 64, 512), OverlapTokens = 0 };
        var chunks = new Chunker(model.Profile.TokenCounter).Split(document, options, ct);
        if (chunks.Count == 0) throw new DocumentLoadException(path, $"--grounding '{path}' has no text to retrieve evidence from");
        var folder = Path.Combine(Path.GetDirectoryName(ModelResolver.DefaultCachePath())!, "grounding");
        Directory.CreateDirectory(folder);
        var index = await ChunkIndexProviders.Default.OpenAsync(Path.Combine(folder, $"{document.Id}.db"), new ChunkIndexOpenOptions { EmbeddingGenerator = new HashingEmbeddingGenerator() }, ct);
        await index.AddDocumentAsync(document, chunks, ct);
        Console.Error.WriteLine($"grounding: {document.Name}, {chunks.Count} chunks indexed");
        return index;
    }
}

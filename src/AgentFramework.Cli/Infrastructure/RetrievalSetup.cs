using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Onnx.Embeddings;
using Microsoft.Extensions.AI;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>
/// The seams the retrieval commands plug into: which embedding generator (--embedding-model), which loader and
/// which chunker. Swap implementations here, not in the commands.
/// </summary>
internal static class RetrievalSetup
{
    /// <summary>
    /// The ONNX encoder in --embedding-model DIR, or null for "what the store was built with" (the built-in hashing
    /// embedding for a new store).
    /// </summary>
    public static IEmbeddingGenerator<string, Embedding<float>>? EmbeddingGenerator(string? modelDirectory)
    {
        if (string.IsNullOrWhiteSpace(modelDirectory)) return null;
        if (!Directory.Exists(modelDirectory))
            throw new InvalidOptionException("--embedding-model", $"--embedding-model '{modelDirectory}' is not a folder: give an ONNX embedding model folder (model.onnx + vocab.txt), or omit it for the built-in hashing embedding");
        return OnnxEmbeddingGenerator.Load(modelDirectory);
    }

    /// <summary>Loader for ingested files (text, Markdown, HTML, PDF, DOCX, source code).</summary>
    public static IDocumentLoader DocumentLoader() => new DocumentLoader(DocumentLimitOptions.Current);

    /// <summary>
    /// The framework's chunker, measured with the configured token counter; incremental, so the ingestor can embed and
    /// write a large document's first chunks while the rest are still being made.
    /// </summary>
    public static Func<Document, IEnumerable<Chunk>> Chunker(CliSettings settings, int maxTokens, int overlap)
    {
        var options = new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlap };
        options.Validate("--max-tokens", "--overlap");
        var chunker = new Chunker(TokenCounterResolver.Resolve(settings));
        return document => chunker.SplitIncrementally(document, options);
    }
}

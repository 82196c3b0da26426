using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Retrieval.Ingestion;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>
/// The seams the retrieval commands plug into: which embedding generator (--embedding-model), which loader and
/// which chunker. Swap implementations here, not in the commands.
/// </summary>
internal static class RetrievalSetup
{
    /// <summary>
    /// The embedding for --embedding-model DIR, or null for "what the store was built with" (the built-in hashing
    /// embedding for a new store).
    /// </summary>
    public static IEmbeddingGenerator<string, Embedding<float>>? EmbeddingGenerator(string? modelDirectory)
    {
        if (string.IsNullOrWhiteSpace(modelDirectory)) return null;
        if (!Directory.Exists(modelDirectory))
            throw new InvalidOptionException("--embedding-model", $"--embedding-model '{modelDirectory}' is not a folder: give an ONNX embedding model folder, or omit it for the built-in hashing embedding");
        // Seam: the ONNX runtime's OnnxEmbeddingGenerator(modelDirectory) goes here once it is part of the build.
        throw new InvalidOptionException("--embedding-model", "--embedding-model: ONNX embedding models are not available in this build yet; omit it to use the built-in hashing embedding");
    }

    /// <summary>Loader for ingested files (plain UTF-8 text until Core's multi-format DocumentLoader is wired in).</summary>
    public static IDocumentLoader DocumentLoader() => new PlainTextDocumentLoader();

    /// <summary>Token-window chunker measured with cl100k (the model's own tokenizer once model profiles are wired in).</summary>
    public static Func<Document, IReadOnlyList<Chunk>> Chunker(int maxTokens, int overlap)
    {
        if (maxTokens < 16) throw new InvalidOptionException("--max-tokens", $"--max-tokens {maxTokens} is too small: use 16 or more (default 512)");
        if (overlap < 0 || overlap >= maxTokens)
            throw new InvalidOptionException("--overlap", $"--overlap {overlap} must be at least 0 and less than --max-tokens ({maxTokens})");
        return WindowChunker.Create(TokenCounters.Cl100k, new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlap });
    }
}

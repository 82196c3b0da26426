using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Retrieval.Embeddings;

namespace AgentFramework.Retrieval.Stores;

/// <summary>What both stores record in their meta table, and the checks both make on open and on add.</summary>
internal static class StoreMetadata
{
    public const string Format = "agentfw-chunk-index";
    /// <summary>The pgvector store's schema version (the SQLite store versions its own: SqliteStoreSchema.Version).</summary>
    public const string SchemaVersion = "1";
    public const string FormatKey = "format", VersionKey = "schema_version", ModelKey = "embedding_model", DimensionsKey = "embedding_dimensions";

    /// <summary>A store built with one embedding model cannot be searched or extended with another.</summary>
    public static void EnsureSameModel(string location, EmbeddingModelInfo stored, EmbeddingModelInfo requested)
    {
        if (stored.Dimensions != requested.Dimensions || !string.Equals(stored.Name, requested.Name, StringComparison.Ordinal))
            throw new UserInputException(location,
                $"store '{location}' was built with embedding '{stored.Name}' ({stored.Dimensions} dims) but this run uses '{requested.Name}' ({requested.Dimensions} dims): pass the same IChunkIndex.EmbeddingModel or use a new ChunkIndexProviders.Location");
    }

    /// <summary>Chunks must belong to the document and their text must be the document's text at [Start, End).</summary>
    public static void ValidateChunks(Document document, IReadOnlyList<Chunk> chunks)
    {
        foreach (var chunk in chunks)
        {
            if (chunk.Start < 0 || chunk.End > document.Text.Length || chunk.Start > chunk.End)
                throw new ArgumentException($"chunk {chunk.Id} span [{chunk.Start},{chunk.End}) is outside document '{document.Name}' ({document.Text.Length} chars)");
            if (!document.Text.AsSpan(chunk.Start, chunk.End - chunk.Start).SequenceEqual(chunk.Text))
                throw new ArgumentException($"chunk {chunk.Id} text differs from document '{document.Name}' at [{chunk.Start},{chunk.End})");
        }
    }

    /// <summary>How many candidates each side contributes before fusion: enough that fusion can reorder the top k.</summary>
    public static int CandidatesFor(int k) => Math.Max(50, k * 4);
}

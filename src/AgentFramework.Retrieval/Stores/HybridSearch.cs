using System.Data.Common;
using AgentFramework.Chunking;
using AgentFramework.Errors;
using AgentFramework.Retrieval.Embeddings;
using Microsoft.Extensions.AI;

namespace AgentFramework.Retrieval.Stores;

/// <summary>
/// The search orchestration both stores share: which legs a <see cref="SearchMode"/> runs, how many candidates each
/// contributes, reciprocal-rank fusion for hybrid, and turning the top k rows into hits. The stores supply the legs
/// (their own SQL) and the chunk loading; this holds no connection and takes no lock.
/// </summary>
internal static class HybridSearch
{
    /// <summary>A scored list of chunk rows, best first.</summary>
    public delegate Task<IReadOnlyList<(long Row, double Score)>> Leg(int candidates);

    /// <summary>An empty question or k of 0 finds nothing, without touching the store.</summary>
    public static bool IsEmpty(SearchQuery query) => query.K <= 0 || string.IsNullOrWhiteSpace(query.Text);

    /// <summary>The query's embedding, or null for BM25 (which needs none).</summary>
    /// <exception cref="UserInputException">A vector or hybrid query on a store opened without its embedding.</exception>
    public static async Task<float[]?> EmbedQueryAsync(SearchQuery query, IEmbeddingGenerator<string, Embedding<float>>? generator, int dimensions,
        Func<UserInputException> noEmbedding, CancellationToken cancellationToken)
    {
        if (query.Mode == SearchMode.Bm25) return null;
        var embedder = generator ?? throw noEmbedding();
        return (await BatchEmbedding.EmbedAsync(embedder, [query.Text], dimensions, cancellationToken: cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>Runs the legs <paramref name="query"/>'s mode asks for (lexical first), ranks and keeps the top k, and loads their chunks.</summary>
    /// <param name="semantic">Called only when <paramref name="queryVector"/> is not null.</param>
    public static async Task<IReadOnlyList<SearchHit>> RankAsync(SearchQuery query, float[]? queryVector, Leg lexical,
        Func<float[], int, Task<IReadOnlyList<(long Row, double Score)>>> semantic,
        Func<IReadOnlyList<long>, Task<Dictionary<long, (Chunk Chunk, string Name)>>> loadChunks)
    {
        int candidates = query.Mode == SearchMode.Hybrid ? StoreMetadata.CandidatesFor(query.K) : query.K;
        IReadOnlyList<(long Row, double Score)> lexicalHits = query.Mode == SearchMode.Vector ? [] : await lexical(candidates).ConfigureAwait(false);
        IReadOnlyList<(long Row, double Score)> semanticHits = queryVector is null ? [] : await semantic(queryVector, candidates).ConfigureAwait(false);
        IReadOnlyList<(long Row, double Score)> ranked = query.Mode switch
        {
            SearchMode.Bm25 => lexicalHits,
            SearchMode.Vector => semanticHits,
            _ => ReciprocalRankFusion.Fuse([lexicalHits.Select(h => h.Row).ToList(), semanticHits.Select(h => h.Row).ToList()]),
        };
        ranked = ranked.Take(query.K).ToList();
        var chunks = await loadChunks(ranked.Select(r => r.Row).ToList()).ConfigureAwait(false);
        return ranked.Select(r => new SearchHit(chunks[r.Row].Chunk, chunks[r.Row].Name, r.Score)).ToList();
    }

    /// <summary>
    /// Reads rows of (row_id, chunk_id, document id, ordinal, start, end, text, token_count, section, document name),
    /// the column order both stores' chunk queries select.
    /// </summary>
    public static async Task<Dictionary<long, (Chunk Chunk, string Name)>> ReadChunksAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, (Chunk, string)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var chunk = new Chunk(reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5),
                reader.GetString(6), reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8));
            result[reader.GetInt64(0)] = (chunk, reader.GetString(9));
        }
        return result;
    }
}

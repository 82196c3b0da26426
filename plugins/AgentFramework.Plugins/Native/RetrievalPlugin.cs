using System.ComponentModel;
using AgentFramework.Retrieval;
using Microsoft.SemanticKernel;

namespace AgentFramework.Plugins.Native;

/// <summary>Native plugin: hybrid (BM25 + vector) search over an <see cref="IChunkIndex"/>.</summary>
public sealed class RetrievalPlugin(IChunkIndex index)
{
    public const string PluginName = "retrieval";

    [KernelFunction("search")]
    [Description("Returns the top-k chunks for a query, best first.")]
    public Task<IReadOnlyList<SearchHit>> SearchAsync(
        [Description("The query text")] string query,
        [Description("How many chunks to return")] int k = 5,
        [Description("Restrict to one document id; null for all")] string? documentId = null,
        CancellationToken cancellationToken = default) =>
        index.SearchAsync(new SearchQuery(query, k, SearchMode.Auto, documentId), cancellationToken);
}

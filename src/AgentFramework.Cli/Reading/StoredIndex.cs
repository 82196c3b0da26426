using AgentFramework.Cli.Infrastructure;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Stores;
using Microsoft.Extensions.AI;

namespace AgentFramework.Cli.Reading;

/// <summary>
/// The index <c>ask --store LOCATION</c> searches: one built earlier by <c>agentfw ingest</c>, opened (never created)
/// with the embedding it was built with, and checked to hold the asked document. Ids are content hashes, so a file
/// changed since it was ingested is not in the store either.
/// </summary>
public sealed class StoredIndex : IAsyncDisposable
{
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator;

    private StoredIndex(IChunkIndex index, IEmbeddingGenerator<string, Embedding<float>>? generator) => (Index, _generator) = (index, generator);

    public IChunkIndex Index { get; }

    public static async Task<StoredIndex> OpenAsync(string location, string? embeddingModel, string path, Document document, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
            throw new InvalidOptionException("--store", $"--store answers about one ingested file, but '{path}' is a folder (ingest stores each file as its own document): ask about one of its files, or drop --store");
        var shown = ChunkIndexProviders.Default.Display(location);
        var generator = RetrievalSetup.EmbeddingGenerator(embeddingModel);
        IChunkIndex? index = null;
        try
        {
            index = await ChunkIndexProviders.Default.OpenAsync(location, new ChunkIndexOpenOptions { EmbeddingGenerator = generator, CreateIfMissing = false }, cancellationToken);
            var held = await index.ListDocumentsAsync(cancellationToken);
            if (!held.Any(d => d.DocumentId == document.Id))
                throw new UserInputException(path, $"store '{shown}' does not hold '{path}' as it is now: run 'agentfw ingest {path} --store {shown}' first");
            return new StoredIndex(index, generator);
        }
        catch
        {
            if (index is not null) await index.DisposeAsync();
            generator?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Index.DisposeAsync();
        _generator?.Dispose();
    }
}

using System.CommandLine;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Stores;

namespace AgentFramework.Cli.Commands;

/// <summary><c>agentfw store info LOCATION</c>: what a chunk index holds and which embedding built it.</summary>
public static class StoreInfoCommand
{
    /// <summary>The <c>store</c> command group with its <c>info</c> subcommand.</summary>
    public static Command Create()
    {
        var location = new Argument<string>("location") { Description = "A SQLite store path or a PostgreSQL connection string" };
        var info = new Command("info", "Show a store's backend, embedding model, counts and documents.\nExample: agentfw store info sotu.db");
        info.Arguments.Add(location);
        CommandAction.Set(info, async (parse, settings, ct) =>
        {
            await using var index = await ChunkIndexProviders.Default.OpenAsync(parse.GetValue(location)!, new ChunkIndexOpenOptions { CreateIfMissing = false }, ct);
            var stats = await index.GetStatsAsync(ct);
            var documents = await index.ListDocumentsAsync(ct);
            if (settings.Json) CliJson.Write(new { Store = stats, Documents = documents });
            else
            {
                Console.WriteLine($"backend:    {stats.Backend}");
                Console.WriteLine($"embedding:  {stats.EmbeddingModel}, {stats.EmbeddingDimensions} dims");
                Console.WriteLine($"search:     {SearchModes.Name(stats.DefaultSearchMode)} by default{(stats.DefaultSearchMode == SearchMode.Bm25 ? " (the hashing embedding's vector leg lowers BM25's recall when fused; --mode hybrid still fuses)" : "")}");
                Console.WriteLine($"documents:  {stats.Documents}");
                Console.WriteLine($"chunks:     {stats.Chunks}");
                Console.WriteLine($"characters: {stats.Characters}");
                foreach (var d in documents)
                    Console.WriteLine($"  {d.Name}  id {d.DocumentId}  {d.ChunkCount} chunks  {d.Characters} chars  {d.IngestedAt:u}");
            }
            return ExitCodes.Success;
        });

        var store = new Command("store", "Inspect chunk index stores.\nExample: agentfw store info sotu.db");
        store.Subcommands.Add(info);
        return store;
    }
}

using System.CommandLine;
using System.Text.Json.Serialization;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Errors;
using AgentFramework.Retrieval;
using AgentFramework.Retrieval.Stores;

namespace AgentFramework.Cli.Commands;

/// <summary><c>agentfw search QUERY --store LOCATION</c>: top-k chunks by BM25, vectors or both fused.</summary>
public static class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "What to look for (plain words; no query syntax is interpreted)" };
        var store = new Option<string>("--store") { Description = "Store: a SQLite file path, or a PostgreSQL connection string", Required = true };
        var k = new Option<int>("--k") { Description = "Number of hits", DefaultValueFactory = _ => 10 };
        var mode = new Option<string>("--mode") { Description = "auto (default: hybrid, or bm25 in a store built with the hashing embedding; see `store info`), bm25, vector or hybrid (reciprocal rank fusion of both)", DefaultValueFactory = _ => "auto" };
        var document = new Option<string?>("--document") { Description = "Only search this document (its id or the name it was ingested under)" };
        var embeddingModel = new Option<string?>("--embedding-model") { Description = "ONNX embedding model folder the store was built with (not needed for the built-in hashing embedding)" };

        var command = new Command("search",
            "Search a chunk index; each hit is a span [start, end) of a source document.\n" +
            "Example: agentfw search \"tariff on imported steel\" --store sotu.db --k 5 --mode hybrid");
        command.Arguments.Add(query);
        command.Options.Add(store);
        command.Options.Add(k);
        command.Options.Add(mode);
        command.Options.Add(document);
        command.Options.Add(embeddingModel);

        CommandAction.Set(command, async (parse, settings, ct) =>
        {
            int top = parse.GetValue(k);
            if (top is < 1 or > 1000) throw new InvalidOptionException("--k", $"--k {top} must be between 1 and 1000");
            var searchMode = parse.GetValue(mode)?.ToLowerInvariant() switch
            {
                "bm25" => SearchMode.Bm25,
                "vector" => SearchMode.Vector,
                "hybrid" => SearchMode.Hybrid,
                "auto" => SearchMode.Auto,
                var other => throw new InvalidOptionException("--mode", $"--mode '{other}' is not one of auto, bm25, vector, hybrid"),
            };
            var text = parse.GetValue(query) ?? "";
            using var generator = RetrievalSetup.EmbeddingGenerator(parse.GetValue(embeddingModel));
            await using var index = await ChunkIndexProviders.Default.OpenAsync(parse.GetValue(store)!, new ChunkIndexOpenOptions { EmbeddingGenerator = generator, CreateIfMissing = false }, ct);
            var hits = await index.SearchAsync(new SearchQuery(text, top, searchMode, parse.GetValue(document)), ct);

            if (settings.Json)
            {
                var stats = await index.GetStatsAsync(ct);
                CliJson.Write(new
                {
                    Query = text, Mode = SearchModes.Name(searchMode == SearchMode.Auto ? stats.DefaultSearchMode : searchMode), K = top, stats.EmbeddingModel,
                    Hits = hits.Select(h => new HitJson(h.DocumentName, h.Chunk.DocumentId, h.Chunk.Id, h.Chunk.Start, h.Chunk.End, h.Chunk.Section, h.Score, h.Chunk.Text)),
                });
            }
            else if (hits.Count == 0) Console.WriteLine("no hits");
            else
            {
                for (int i = 0; i < hits.Count; i++)
                {
                    var h = hits[i];
                    Console.WriteLine($"{i + 1}. {h.DocumentName} [{h.Chunk.Start}-{h.Chunk.End}]{(h.Chunk.Section is { } s ? " § " + s : "")} score {h.Score:G4}");
                    Console.WriteLine("   " + Preview(h.Chunk.Text, 300));
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One hit in --json output; "section" is always present (null when the document has none).</summary>
    private sealed record HitJson(
        string Document, string DocumentId, string ChunkId, int Start, int End,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Section,
        double Score, string Text);

    private static string Preview(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= max ? flat : flat[..max] + "…";
    }
}

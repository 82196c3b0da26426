namespace AgentFramework.Benchmarks.Suites;

/// <summary>
/// <c>agentfw ingest PATH --store NEW</c> against <c>agentfw chunk PATH</c>, each a whole process started the same way
/// (<c>dotnet agentfw.dll</c>), interleaved for <c>--repeat</c> rounds, medians: what a user waits for, start-up and the
/// tokenizer's load paid by both sides alike. A folder is one document to <c>chunk</c> and one per file to
/// <c>ingest</c> (the same text; file boundaries add a few chunks).
/// </summary>
internal static class IngestCommandVsChunkCommand
{
    public static async Task<object> MeasureAsync(string name, string path, int repeat, string work)
    {
        var agentfw = Path.Combine(AppContext.BaseDirectory, "agentfw.dll");
        var chunk = new List<double>();
        var ingest = new List<double>();
        for (int r = 0; r < repeat; r++)
        {
            chunk.Add((await ChildProcess.RunAsync("dotnet", [agentfw, "chunk", path])).Seconds);
            var store = Path.Combine(work, $"{name}-command-{r}.db");
            ingest.Add((await ChildProcess.RunAsync("dotnet", [agentfw, "ingest", path, "--store", store])).Seconds);
            foreach (var file in Directory.GetFiles(work, $"{name}-command-{r}.db*")) File.Delete(file);
        }
        double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        return new
        {
            Corpus = name,
            ChunkCommandSeconds = Math.Round(Median(chunk), 3),
            IngestCommandSeconds = Math.Round(Median(ingest), 3),
            // Target ≤ 1.3 (issue 15), as whole commands.
            IngestCommandVsChunkCommand = Math.Round(Median(ingest) / Median(chunk), 2),
            PerRound = ingest.Zip(chunk, (i, c) => Math.Round(i / c, 2)).ToList(),
        };
    }
}

using System.Text.Json;

namespace AgentFramework.Benchmarks.Suites;

/// <summary>
/// The reuse figures through the real CLI (issue 15's "the same through <c>bench</c>"): one LaRA 32k context with its
/// own questions, written as a one-context LaRA folder (its query rows, in the query files' order, and the context
/// file), then <c>agentfw bench --dataset FOLDER --limit N --pipelines full-context,retrieve-then-reason --model M
/// --no-cache</c> as a child process (replayed calls would time the call cache, not the model). Per pipeline, from
/// results.jsonl (cases run one at a time, in order): question 1's wall time (it includes the process's first-call
/// JIT), the mean of questions 2..N over it, cached prompt tokens per question, documents indexed and reused.
/// </summary>
internal static class ReuseCliBench
{
    public static async Task<object> RunAsync(string shared, string model, int questions)
    {
        var work = Directory.CreateTempSubdirectory("agentfw-reuse-cli-");
        try
        {
            var (category, file, count) = WriteOneContextLara(Path.Combine(shared, "data", "lara"), Path.Combine(work.FullName, "lara"));
            Console.Error.WriteLine($"reuse: agentfw bench on LaRA 32k '{file}' ({count} questions, first {questions})...");
            var output = Path.Combine(work.FullName, "out");
            var (_, processSeconds) = await ChildProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "agentfw.dll"), "bench",
                "--dataset", Path.Combine(work.FullName, "lara"), "--limit", questions.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--pipelines", "full-context,retrieve-then-reason", "--model", model, "--out", output, "--json", "--no-cache"]);

            var rows = File.ReadLines(Path.Combine(output, "results.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var perPipeline = new Dictionary<string, object>();
            foreach (var group in rows.GroupBy(r => r.GetProperty("pipeline").GetString()!))
            {
                var runs = group.ToList();
                var seconds = runs.Select(r => r.GetProperty("wall_seconds").GetDouble()).ToList();
                long Sum(string field) => runs.Sum(r => r.TryGetProperty(field, out var v) ? v.GetInt64() : 0);
                perPipeline[group.Key] = new
                {
                    Cases = runs.Count,
                    Failed = runs.Count(r => r.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String),
                    TotalSeconds = Math.Round(seconds.Sum(), 3),
                    Question1Seconds = Math.Round(seconds[0], 3),
                    MeanQuestions2ToNSeconds = Math.Round(seconds.Skip(1).DefaultIfEmpty(0).Average(), 3),
                    Questions2ToNVsQuestion1 = Math.Round(seconds.Skip(1).DefaultIfEmpty(0).Average() / seconds[0], 3),
                    PromptTokens = runs.Select(r => r.GetProperty("prompt_tokens").GetInt64()).ToArray(),
                    CachedPromptTokens = runs.Select(r => r.TryGetProperty("cached_prompt_tokens", out var v) ? v.GetInt64() : 0).ToArray(),
                    CompletionTokens = Sum("completion_tokens"),
                    IndexedDocuments = Sum("indexed_documents"),
                    ReusedIndexDocuments = Sum("reused_index_documents"),
                };
            }
            return new
            {
                Command = "agentfw bench --dataset <one-context LaRA folder> --limit N --pipelines full-context,retrieve-then-reason --model <tiny Llama> --json --no-cache",
                Context = $"32k/{category}/{file}", QuestionsInContext = count, ProcessSeconds = Math.Round(processSeconds, 2),
                Pipelines = perPipeline,
            };
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The 32k context with the most questions (the first on ties, in query-file order): its rows of each
    /// <c>query/32k_*.jsonl</c> (unchanged, same order) and the context file, laid out as a LaRA folder.
    /// </summary>
    private static (string Category, string File, int Questions) WriteOneContextLara(string lara, string target)
    {
        var queryFiles = Directory.GetFiles(Path.Combine(lara, "query"), "32k_*.jsonl").Order(StringComparer.Ordinal).ToList();
        var rows = queryFiles.SelectMany(q => File.ReadLines(q).Where(l => l.Trim().Length > 0)
            .Select(l => (Query: q, Line: l, Category: Path.GetFileName(q).Split('_')[1], File: JsonDocument.Parse(l).RootElement.GetProperty("file").GetString()!))).ToList();
        var chosen = rows.GroupBy(r => (r.Category, r.File)).OrderByDescending(g => g.Count()).First();
        Directory.CreateDirectory(Path.Combine(target, "query"));
        foreach (var byQuery in chosen.GroupBy(r => r.Query))
            File.WriteAllLines(Path.Combine(target, "query", Path.GetFileName(byQuery.Key)), byQuery.Select(r => r.Line));
        var contextFolder = Path.Combine(target, "32k", chosen.Key.Category);
        Directory.CreateDirectory(contextFolder);
        File.Copy(Path.Combine(lara, "32k", chosen.Key.Category, chosen.Key.File), Path.Combine(contextFolder, chosen.Key.File));
        return (chosen.Key.Category, chosen.Key.File, chosen.Count());
    }
}

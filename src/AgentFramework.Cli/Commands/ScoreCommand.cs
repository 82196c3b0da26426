using System.CommandLine;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Errors;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Scoring;

namespace AgentFramework.Cli.Commands;

/// <summary>
/// <c>agentfw score BENCHMARK PATH</c>: scores predictions made elsewhere with the benchmark's official metric set,
/// reading the prediction files the benchmark's own scripts write. The benchmarks are the registered
/// <see cref="PredictionScorers"/> (a new one is one registration). Prints a table, or with --json the object the
/// official script prints/writes (LongBench: eval.py's result.json); --out DIR writes scores.json and scores.md.
/// </summary>
public static class ScoreCommand
{
    /// <summary>The benchmarks <c>score</c> knows now (built-ins plus registrations).</summary>
    public static IReadOnlyList<string> Benchmarks => PredictionScorers.Default.Names;

    public static Command Create()
    {
        var benchmark = new Argument<string>("benchmark") { Description = $"One of: {string.Join(", ", Benchmarks)}" };
        var path = new Argument<string>("path") { Description = "Prediction folder or file as the benchmark writes it (LongBench: pred/<model>/ with <task>.jsonl)" };
        var lengthSplit = new Option<bool>("--e") { Description = "LongBench-E: scores split by length into 0-4k, 4-8k, 8k+ (as eval.py --e)" };
        var difflib = new Option<bool>("--difflib") { Description = "Code similarity by fuzzywuzzy's difflib fallback instead of python-Levenshtein" };
        var metrics = new Option<string?>("--metrics") { Description = "jsonl only: comma-separated metrics (default exact-match,token-f1,rouge-l)" };
        var output = new Option<string?>("--out") { Description = "Also write scores.json (the official object) and scores.md to this folder" };
        var command = new Command("score",
            "Score predictions made elsewhere with a benchmark's official metrics.\n" +
            "Example: agentfw score longbench pred/my-model --json") { benchmark, path, lengthSplit, difflib, metrics, output };
        CommandAction.Set(command, async (parse, settings, ct) =>
        {
            var name = parse.GetValue(benchmark)!;
            var scorer = PredictionScorers.Default.Find(name)
                ?? throw new InvalidOptionException("benchmark", $"Unknown benchmark '{name}'. Known: {string.Join(", ", Benchmarks)}.");
            if (parse.GetValue(lengthSplit) && !scorer.SplitsByLength)
                throw new InvalidOptionException("--e", $"--e (LongBench-E length split) applies to 'agentfw score {string.Join("/", PredictionScorers.Default.Scorers.Where(s => s.SplitsByLength).Select(s => s.Name))}' only");
            var sheet = await scorer.Score(new PredictionScoring(parse.GetValue(path)!)
            {
                LengthSplit = parse.GetValue(lengthSplit),
                CodeBackend = parse.GetValue(difflib) ? FuzzRatioBackend.Difflib : FuzzRatioBackend.Levenshtein,
                Metrics = MetricList(parse.GetValue(metrics)),
            }, ct);
            if (parse.GetValue(output) is { } folder)
            {
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(Path.Combine(folder, "scores.json"), sheet.OfficialJson + "\n", ct);
                await File.WriteAllTextAsync(Path.Combine(folder, "scores.md"), sheet.ToMarkdown(), ct);
            }
            Console.WriteLine(settings.Json ? sheet.OfficialJson : sheet.ToText());
            foreach (var note in sheet.Notes) Console.Error.WriteLine($"note: {note}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<string>? MetricList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

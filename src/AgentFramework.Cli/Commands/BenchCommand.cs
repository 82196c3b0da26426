using System.CommandLine;
using AgentFramework.Agents;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Errors;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Reports;
using AgentFramework.Evaluation.Runner;
using AgentFramework.Evaluation.Synthetic;
using AgentFramework.Tokens;

namespace AgentFramework.Cli.Commands;

/// <summary>
/// <c>agentfw bench</c>: run pipelines on a benchmark (file or synthetic) against the full-context baseline and write
/// results.jsonl, summary.json, report.md and plots; <c>agentfw bench list</c>: the datasets found with case counts.
/// </summary>
public static class BenchCommand
{
    private const int DefaultCasesPerLength = 5;

    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = $"leval:<task>, lara:32k|128k, summhay, longbench-write, longbench-v2:PATH (LongBench v2 data.json), {string.Join(", ", SyntheticDatasets.Names)}, or a JSON/JSONL file", Required = true };
        var dataDir = DataDirOption();
        var pipelines = new Option<string?>("--pipelines") { Description = $"Comma-separated: {string.Join(", ", AgentPipelineHost.Names)} (default: all with a model, extractive without)" };
        var lengths = new Option<string?>("--lengths") { Description = "Context lengths in tokens, e.g. 4k,16k,64k: sizes of synthetic cases; for file datasets, the buckets kept (default synthetic: 4k,16k)" };
        var limit = new Option<int?>("--limit") { Description = $"Cases per length (synthetic default {DefaultCasesPerLength}; file datasets: first N of each length bucket)" };
        var lengthDefinition = new Option<string?>("--length-definition") { Description = "What a synthetic length N counts: ruler (default: whole input incl. RULER's template and question, plus the generation budget) or haystack (the haystack only); named in the report" };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic generators", DefaultValueFactory = _ => 42 };
        var output = new Option<string>("--out") { Description = "Output folder; re-running with the same folder resumes", Required = true };
        var concurrency = new Option<int>("--concurrency") { Description = "Pipeline runs in flight at once", DefaultValueFactory = _ => 1 };
        var judgeModel = new Option<string?>("--judge-model") { Description = "Local model folder that scores judge metrics (LaRA correctness, SummHay coverage/citation/joint, LongWriter S_q)" };
        var judgeEndpoint = new Option<string?>("--judge-endpoint") { Description = "OpenAI-compatible endpoint that scores judge metrics" };
        var judgeModelId = new Option<string?>("--judge-model-id") { Description = "Model id at --judge-endpoint" };

        var command = new Command("bench",
            "Run pipelines on a benchmark against the full-context baseline, on the same model, chunker and budgets, and write " +
            "results.jsonl, summary.json, report.md and PNG plots to --out. Judge-scored metrics are labelled in every report.\n" +
            "Example: agentfw bench --dataset niah --lengths 4k,16k --pipelines full-context,retrieve-then-reason --model ./model --out runs/niah");
        foreach (var option in new Option[] { dataset, dataDir, pipelines, lengths, limit, lengthDefinition, seed, output, concurrency, judgeModel, judgeEndpoint, judgeModelId })
            command.Options.Add(option);
        command.Subcommands.Add(CreateList());

        CommandAction.Set(command, async (parse, settings, ct) =>
        {
            var outFolder = parse.GetValue(output)!;
            if (File.Exists(outFolder))
                throw new InvalidOptionException("--out", $"--out {outFolder}: is a file; give a folder for the results (it is created when missing)");
            var dataFolder = parse.GetValue(dataDir) ?? DatasetCatalog.DefaultDataDir();
            if (parse.GetValue(dataDir) is { } given && !Directory.Exists(given))
                throw new InvalidOptionException("--data-dir", $"--data-dir {given}: folder not found.");
            if (parse.GetValue(concurrency) < 1) throw new InvalidOptionException("--concurrency", "--concurrency must be at least 1.");
            using var model = await ModelResolver.ResolveAsync(parse, settings, ct);
            var names = PipelineNames(parse.GetValue(pipelines), model is not null);
            var counter = model?.Profile.TokenCounter ?? TokenCounterResolver.Resolve(settings);

            var cases = LoadCases(parse.GetValue(dataset)!, dataFolder, parse.GetValue(lengths), parse.GetValue(limit), parse.GetValue(seed), counter,
                LengthDefinitions.Parse(parse.GetValue(lengthDefinition)));
            if (cases.Count == 0) throw new InvalidOptionException("--dataset", $"--dataset {parse.GetValue(dataset)}: no cases selected (check --lengths and --limit).");

            using var judgeModelResolved = await ResolveJudgeAsync(parse, settings, parse.GetValue(judgeModel), parse.GetValue(judgeEndpoint), parse.GetValue(judgeModelId), ct);
            IJudge? judge = judgeModelResolved is null ? null : new ChatJudge(judgeModelResolved.Chat, judgeModelResolved.Profile.ModelId);
            if (judge is null && cases.Any(c => c.Metrics.Any(MetricRegistry.IsJudgeScored)))
                Console.Error.WriteLine("note: no --judge-model or --judge-endpoint, so judge-scored metrics are left out");

            // Embeddings as in ask/summarize (the pipelines' default), so bench measures what users run; endpoints often have none.
            await using var host = AgentPipelineHost.Create(model?.Chat, model?.Profile, null, Path.Combine(outFolder, ".indexes"), pipelines: PipelineServices.HostPipelines);
            var benchPipelines = host.Pipelines(names);
            Console.Error.WriteLine($"{cases.Count} cases × {benchPipelines.Count} pipelines ({string.Join(", ", benchPipelines.Select(p => p.Name))}), tokens counted with {counter.Name}");

            var runner = new BenchmarkRunner(benchPipelines, new MetricRegistry(judge), new BenchmarkRunOptions { Concurrency = parse.GetValue(concurrency), Notice = notice => Console.Error.WriteLine(LibraryOptionFlags.Translate(notice)) });
            var outcome = await ProgressBoard.RunAsync(board => runner.RunAsync(cases, outFolder, new BenchProgress(board, benchPipelines.ToDictionary(p => p.Name, p => cases.Count(c => p.Supports(c.Kind)))), ct));

            if (settings.Json) CliJson.Write(outcome.Report.Summary);
            else foreach (var file in outcome.Report.Files) Console.WriteLine(file);
            Console.Error.WriteLine($"ran {outcome.Ran} ({outcome.Failed} failed), resumed {outcome.Resumed}, skipped {outcome.Unsupported} unsupported; " +
                                    $"{outcome.Report.Summary.Rows} rows in {Path.Combine(outFolder, ReportWriter.ResultsFile)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string?> DataDirOption() => new("--data-dir") { Description = "Folder with the benchmark data (default: ../shared/data when present, or AGENTFW_DATA_DIR)" };

    private static Command CreateList()
    {
        var dataDir = DataDirOption();
        var command = new Command("list",
            "List the datasets found in the data folder with their case counts, and the synthetic datasets.\n" +
            "Example: agentfw bench list --data-dir ../shared/data");
        command.Options.Add(dataDir);
        CommandAction.Set(command, (parse, settings, ct) =>
        {
            var folder = parse.GetValue(dataDir);
            if (folder is not null && !Directory.Exists(folder)) throw new InvalidOptionException("--data-dir", $"--data-dir {folder}: folder not found.");
            folder ??= DatasetCatalog.DefaultDataDir();
            var found = new DatasetCatalog(folder).List();
            if (settings.Json) { CliJson.Write(new { DataDir = folder, Datasets = found, Synthetic = SyntheticDatasets.Names }); return Task.FromResult(ExitCodes.Success); }
            if (folder is null) Console.Error.WriteLine("no data folder (pass --data-dir DIR): only synthetic datasets are available");
            else Console.WriteLine($"data folder: {folder}");
            foreach (var d in found) Console.WriteLine($"{d.Name,-34} {d.Format,-22} {d.Cases,6} cases");
            foreach (var name in SyntheticDatasets.Names) Console.WriteLine($"{name,-34} {"synthetic",-22} {"any",6} (--lengths, --limit, --seed)");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    internal static IReadOnlyList<BenchmarkCase> LoadCases(string dataset, string? dataDir, string? lengths, int? limit, int seed, ITokenCounter counter,
        LengthDefinition lengthDefinition = LengthDefinition.Ruler)
    {
        var sizes = lengths is null ? null : LengthBuckets.ParseList(lengths);
        if (SyntheticDatasets.IsSynthetic(dataset))
        {
            var perLength = limit ?? DefaultCasesPerLength;
            if (perLength < 1) throw new InvalidOptionException("--limit", "--limit must be at least 1.");
            var generator = new SyntheticGenerator(counter, FillerSources.For(dataDir), lengthDefinition);
            var cases = new List<BenchmarkCase>();
            foreach (var size in sizes ?? [4096, 16384])
            {
                Console.Error.WriteLine($"generating {perLength} {dataset} cases of {LengthBuckets.Label(size)} tokens ({LengthDefinitions.Describe(LengthDefinitions.Name(lengthDefinition))})");
                cases.AddRange(generator.GenerateSet(dataset, [size], perLength, seed));
            }
            return cases;
        }
        var loaded = new DatasetCatalog(dataDir).Load(dataset, counter);
        if (sizes is not null)
        {
            var keep = sizes.Select(LengthBuckets.Label).ToHashSet();
            loaded = loaded.Where(c => keep.Contains(c.LengthBucket)).ToList();
        }
        return CaseSelection.FirstPerBucket(loaded, limit);
    }

    private static IReadOnlyList<string> PipelineNames(string? list, bool hasModel)
    {
        if (list is null) return hasModel ? AgentPipelineHost.Names : [AgentFramework.Agents.PipelineNames.Extractive];
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new InvalidOptionException("--pipelines", "--pipelines is empty.");
        // A hosting program's pipelines are checked against its container when the bench host is built.
        return PipelineServices.HostPipelines is null ? AgentPipelineHost.Validate(names, hasModel) : names;
    }

    private static async Task<ResolvedModel?> ResolveJudgeAsync(ParseResult parse, CliSettings settings, string? folder, string? endpoint, string? modelId, CancellationToken ct)
    {
        if (folder is null && endpoint is null) return null;
        if (folder is not null && endpoint is not null)
            throw new InvalidOptionException("--judge-model", "give either --judge-model or --judge-endpoint, not both");
        return await ModelResolver.ResolveAsync(settings with { Model = folder, Endpoint = endpoint, ModelId = modelId }, ModelResolver.ReadOptions(parse), ct);
    }

    /// <summary>Nested progress: all runs (cases × pipelines) on the first row, then one row per pipeline.</summary>
    /// <remarks>A pipeline's row starts at its supported cases, then shows the runner's exact count (resumed runs excluded).</remarks>
    private sealed class BenchProgress : IProgress<BenchmarkProgress>
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, ProgressItem> _rows = [];
        private readonly ProgressItem _all;

        public BenchProgress(ProgressBoard board, IReadOnlyDictionary<string, int> casesPerPipeline)
        {
            // Rows appear at the start with estimates; the first report of each replaces them with the runner's counts.
            _all = board.Add("bench", "runs", casesPerPipeline.Values.Sum());
            foreach (var (name, cases) in casesPerPipeline) _rows[name] = board.Add("↳ " + name, "runs", cases);
        }

        public void Report(BenchmarkProgress value)
        {
            lock (_gate)
            {
                var failed = value.Failed > 0 ? $"{value.Failed} failed, " : "";
                _all.Update(value.Done, value.Total, $"{failed}last {value.LastKey}");
                if (_rows.TryGetValue(value.Pipeline, out var row)) row.Update(value.PipelineDone, value.PipelineTotal);
            }
        }
    }
}

using System.Text.Json;
using AgentFramework.Errors;
using AgentFramework.Evaluation;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Reports;
using AgentFramework.Evaluation.Runner;
using AgentFramework.Evaluation.Scoring;
using AgentFramework.IntegrationTests.Agents;
using AgentFramework.Retrieval.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.IntegrationTests.Extensibility;

/// <summary>
/// A store, a dataset and a metric defined in this test project join the framework with one registration each (no
/// framework file edited) and are used by the same entry points as the built-ins: the CLI's ingest/search/store info,
/// bench and score through the default registries, and a DI container through the service-collection extensions.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ExtensionRegistrationTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("agentfw-extensions-");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The test's store, dataset, metric and scorer on the CLI's registries (once per process).</summary>
    internal static readonly Lazy<bool> RegisteredOnDefaults = new(() =>
    {
        ChunkIndexProviders.Default.Register(new MemTestChunkIndexProvider());
        DatasetProviders.Default.Register(new CapitalsDatasetProvider());
        MetricDefinitions.Default.Register(AnswerMentionedMetric.Definition);
        PredictionScorers.Default.Register(CapitalsDatasetProvider.Scorer);
        return true;
    });

    public ExtensionRegistrationTests() => Assert.True(RegisteredOnDefaults.Value);

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_registered_store_scheme_is_opened_by_ingest_search_and_store_info()
    {
        var document = Path.Combine(_folder.FullName, "capitals.txt");
        await File.WriteAllTextAsync(document, CapitalsDatasetProvider.Text, Ct);
        var store = $"{MemTestChunkIndexProvider.Scheme}{Guid.NewGuid():N}";

        var ingest = await CliRun.RunAsync("ingest", document, "--store", store, "--json");
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        using (var json = JsonDocument.Parse(ingest.Stdout))
            Assert.Equal("memtest", json.RootElement.GetProperty("store").GetProperty("backend").GetString());

        var search = await CliRun.RunAsync("search", "Tokyo largest", "--store", store, "--mode", "bm25", "--json");
        Assert.True(search.ExitCode == 0, search.Stderr);
        using (var json = JsonDocument.Parse(search.Stdout))
        {
            var hits = json.RootElement.GetProperty("hits").EnumerateArray().ToList();
            Assert.NotEmpty(hits);
            Assert.Contains("Tokyo", hits[0].GetProperty("text").GetString());
        }

        var info = await CliRun.RunAsync("store", "info", store, "--json");
        Assert.True(info.ExitCode == 0, info.Stderr);
        using (var json = JsonDocument.Parse(info.Stdout))
            Assert.Equal(document, json.RootElement.GetProperty("documents")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_unregistered_scheme_is_one_line_naming_the_location_and_every_registered_store()
    {
        var search = await CliRun.RunAsync("search", "anything", "--store", "qdrant://localhost:6333/chunks");
        Assert.Equal(2, search.ExitCode);
        var line = Assert.Single(search.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var expected in new[] { "qdrant://localhost:6333/chunks", "memtest", "sqlite", "pgvector", "memory" })
            Assert.Contains(expected, line);
    }

    [Fact]
    public async Task A_registered_dataset_and_metric_run_through_bench_and_are_listed()
    {
        var output = Path.Combine(_folder.FullName, "bench");
        var bench = await CliRun.RunAsync("bench", "--dataset", CapitalsDatasetProvider.DatasetName, "--pipelines", "extractive", "--out", output);
        Assert.True(bench.ExitCode == 0, bench.Stderr);

        var rows = ResultsJournal.Read(Path.Combine(output, ReportWriter.ResultsFile));
        Assert.Equal(["france", "japan"], rows.Select(r => r.CaseId).Order());
        var gold = new Dictionary<string, string> { ["france"] = "Paris", ["japan"] = "Tokyo" };
        foreach (var row in rows)
        {
            Assert.Null(row.Error);
            var mentioned = Assert.Single(row.Scores, s => s.Metric == AnswerMentionedMetric.MetricName);
            Assert.Equal(AnswerMentionedMetric.Mentions(row.Prediction, [gold[row.CaseId]]) ? 1.0 : 0.0, mentioned.Value);
            Assert.Contains(row.Scores, s => s.Metric == ExactMatch.MetricName);
        }
        var report = await File.ReadAllTextAsync(Path.Combine(output, "report.md"), Ct);
        Assert.Contains(AnswerMentionedMetric.MetricName, report);
        // The task table heads the benchmark's own metric with the label its registration carries.
        Assert.Contains($"| {CapitalsDatasetProvider.DatasetName} | {AnswerMentionedMetric.ReportLabel} |", report);

        var data = Directory.CreateDirectory(Path.Combine(_folder.FullName, "data", "capitals")).Parent!.FullName;
        var list = await CliRun.RunAsync("bench", "list", "--data-dir", data);
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains(CapitalsDatasetProvider.DatasetName, list.Stdout);
    }

    [Fact]
    public async Task A_registered_metric_scores_predictions_with_agentfw_score()
    {
        var predictions = Path.Combine(_folder.FullName, "predictions.jsonl");
        await File.WriteAllLinesAsync(predictions,
        [
            """{"id": "1", "prediction": "It is Paris, on the Seine.", "references": ["Paris"]}""",
            """{"id": "2", "prediction": "Kyoto", "references": ["Tokyo"]}""",
        ], Ct);

        var score = await CliRun.RunAsync("score", "jsonl", predictions, "--metrics", $"{AnswerMentionedMetric.MetricName},{ExactMatch.MetricName}", "--json");
        Assert.True(score.ExitCode == 0, score.Stderr);
        using var json = JsonDocument.Parse(score.Stdout);
        Assert.Equal(50.0, json.RootElement.GetProperty(AnswerMentionedMetric.MetricName).GetDouble());
        Assert.Equal(0.0, json.RootElement.GetProperty(ExactMatch.MetricName).GetDouble());
    }

    [Fact]
    public async Task A_registered_benchmark_scores_its_own_predictions_with_agentfw_score()
    {
        var predictions = Path.Combine(_folder.FullName, "capitals.jsonl");
        await File.WriteAllLinesAsync(predictions,
        [
            """{"id": "france", "prediction": "Paris, on the Seine."}""",
            """{"id": "japan", "prediction": "Kyoto"}""",
        ], Ct);

        var score = await CliRun.RunAsync("score", CapitalsDatasetProvider.DatasetName, predictions, "--json");
        Assert.True(score.ExitCode == 0, score.Stderr);
        using (var json = JsonDocument.Parse(score.Stdout))
            Assert.Equal(50.0, json.RootElement.GetProperty(AnswerMentionedMetric.MetricName).GetDouble());

        // Its errors are the scorer's own user errors: one line naming the file, exit 2.
        await File.AppendAllLinesAsync(predictions, ["""{"id": "peru", "prediction": "Lima"}"""], Ct);
        var bad = await CliRun.RunAsync("score", CapitalsDatasetProvider.DatasetName, predictions);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("peru", Assert.Single(bad.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        // An unknown benchmark names every registered scorer, the test's included.
        var unknown = await CliRun.RunAsync("score", "no-such-benchmark", predictions);
        Assert.Equal(2, unknown.ExitCode);
        var line = Assert.Single(unknown.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var expected in new[] { "no-such-benchmark", "longbench", "jsonl", CapitalsDatasetProvider.DatasetName })
            Assert.Contains(expected, line);
    }

    [Fact]
    public void A_registered_metric_labels_its_column_and_the_builtins_keep_their_benchmarks_names()
    {
        CaseResult Row(string benchmark, string metric) =>
            new("d", "1", "extractive", "tiny", 10, "p", [new MetricResult(metric, 1)], 1, metric, 0, 0, 0, 0, 0, 0) { Benchmark = benchmark, Task = "t" };
        string LabelOf(string benchmark, string metric) => SummaryBuilder.Build([Row(benchmark, metric)]).Tasks.Single().MetricLabel;

        Assert.Equal(AnswerMentionedMetric.ReportLabel, LabelOf(BenchmarkFamilies.Other, AnswerMentionedMetric.MetricName));
        Assert.Equal("qa_f1_score", LabelOf(BenchmarkFamilies.LongBench, TokenF1.MetricName));
        Assert.Equal("F1", LabelOf(BenchmarkFamilies.LEval, TokenF1.MetricName));
        Assert.Equal(TokenF1.MetricName, LabelOf(BenchmarkFamilies.Other, TokenF1.MetricName));
        // A container's own registry labels its own metric; the default registry is not consulted for it.
        var own = new MetricDefinitions([AnswerMentionedMetric.Definition with { Label = "container label" }]);
        Assert.Equal("container label", SummaryBuilder.Build([Row(BenchmarkFamilies.Other, AnswerMentionedMetric.MetricName)], metricDefinitions: own).Tasks.Single().MetricLabel);
    }

    [Fact]
    public async Task A_container_gets_the_extras_from_one_registration_each_and_runs_them_in_the_bench_host()
    {
        var services = new ServiceCollection()
            .AddChunkIndexProvider<MemTestChunkIndexProvider>()
            .AddDatasetProvider<CapitalsDatasetProvider>()
            .AddMetric(AnswerMentionedMetric.Definition);
        await using var provider = services.BuildServiceProvider();

        var stores = provider.GetRequiredService<ChunkIndexProviders>();
        Assert.Equal(["sqlite", "pgvector", "memory", "memtest"], stores.Providers.Select(p => p.Name));
        await using (var index = await stores.OpenAsync($"{MemTestChunkIndexProvider.Scheme}di-{Guid.NewGuid():N}", cancellationToken: Ct))
            Assert.IsType<MemTestChunkIndex>(index);
        await using (var index = await stores.OpenAsync(Path.Combine(_folder.FullName, "di.db"), cancellationToken: Ct))
            Assert.IsType<SqliteChunkIndex>(index);

        var cases = new DatasetCatalog(null, provider.GetRequiredService<DatasetProviders>()).Load(CapitalsDatasetProvider.DatasetName);
        var metrics = new MetricRegistry(definitions: provider.GetRequiredService<MetricDefinitions>());
        await using var host = AgentPipelineHost.Create(null, null, null, Path.Combine(_folder.FullName, "host-indexes"));
        var outcome = await new BenchmarkRunner(host.Pipelines(["extractive"]), metrics)
            .RunAsync(cases, Path.Combine(_folder.FullName, "host-bench"), cancellationToken: Ct);

        Assert.Equal(2, outcome.Ran);
        var rows = ResultsJournal.Read(Path.Combine(_folder.FullName, "host-bench", ReportWriter.ResultsFile));
        Assert.All(rows, row => Assert.Contains(row.Scores, s => s.Metric == AnswerMentionedMetric.MetricName));
    }

    [Fact]
    public async Task A_container_registry_does_not_leak_into_another_container()
    {
        await using var plain = new ServiceCollection().AddChunkIndexProviders().AddBenchmarkRegistries().BuildServiceProvider();
        var error = await Assert.ThrowsAsync<UserInputException>(() => plain.GetRequiredService<ChunkIndexProviders>().OpenAsync("memtest://x", cancellationToken: Ct));
        Assert.Contains("memtest://x", error.Message);
        Assert.Null(plain.GetRequiredService<DatasetProviders>().ForName(CapitalsDatasetProvider.DatasetName));
        Assert.Null(plain.GetRequiredService<MetricDefinitions>().Find(AnswerMentionedMetric.MetricName));
    }
}

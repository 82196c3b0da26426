using AgentFramework.Agents;
using AgentFramework.Citations;
using AgentFramework.IntegrationTests.Agents;

namespace AgentFramework.IntegrationTests.Extensibility;

/// <summary>
/// A pipeline a user wrote, outside the framework: answers and summaries are the document's first lines (no model),
/// each cited. Registered only by the program that hosts the CLI.
/// </summary>
public sealed class FirstLinesPipeline : IDocumentPipeline
{
    public const string PipelineName = "first-lines";

    public string Name => PipelineName;

    public bool NeedsModel => false;

    public bool Supports(PipelineGoal goal) => goal != PipelineGoal.Write;

    public Task<PipelineResult> RunAsync(PipelineRequest request, PipelineRun run, CancellationToken cancellationToken)
    {
        var document = request.Documents[0];
        int end = 0;
        for (int line = 0; line < 2 && end < document.Text.Length; line++)
        {
            int next = document.Text.IndexOf('\n', end);
            end = next < 0 ? document.Text.Length : next + 1;
        }
        var text = document.Text[..end].Trim();
        run.Trace.Increment("first_lines.runs");
        return Task.FromResult(new PipelineResult($"[{request.Goal}] {text}", [new Citation(document.Name, 0, text.Length, text)], run.Trace));
    }
}

/// <summary>
/// The CLI hosted as a library: a user's console program calls <c>AgentFwCli.RunAsync(args, configure)</c> with its own
/// pipeline registered and gets every command with it; <c>--pipeline</c> accepts and lists what the container registers.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class HostedCliTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("agentfw-hosted-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static void Register(AgentFrameworkBuilder builder) => builder.AddPipeline<FirstLinesPipeline>(FirstLinesPipeline.PipelineName);

    private async Task<string> DocumentAsync()
    {
        var path = Path.Combine(_folder.FullName, "log.txt");
        await File.WriteAllTextAsync(path, "The cook made soup.\nThe captain counted barrels.\nThe mate slept.\n", TestContext.Current.CancellationToken);
        return path;
    }

    [Fact]
    public async Task Ask_and_summarize_run_the_hosts_pipeline()
    {
        var document = await DocumentAsync();
        var ask = await CliRun.RunAsync(Register, "ask", document, "-q", "Who counted?", "--pipeline", FirstLinesPipeline.PipelineName);
        Assert.True(ask.ExitCode == 0, ask.Stderr);
        Assert.StartsWith("[Answer] The cook made soup.\nThe captain counted barrels.", ask.Stdout.ReplaceLineEndings("\n"));
        Assert.Contains("Sources:", ask.Stdout);
        Assert.Contains($"{FirstLinesPipeline.PipelineName}:", ask.Stderr); // the totals line names the pipeline that ran

        var summary = await CliRun.RunAsync(Register, "summarize", document, "--pipeline", "First-Lines", "--json");
        Assert.True(summary.ExitCode == 0, summary.Stderr);
        Assert.Contains("[Summarize] The cook made soup.", summary.Stdout);
    }

    [Fact]
    public async Task Help_lists_the_hosts_pipeline_and_an_unknown_one_is_one_line_naming_the_registered_ones()
    {
        var help = await CliRun.RunAsync(Register, "summarize", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains(FirstLinesPipeline.PipelineName, help.Stdout);

        var document = await DocumentAsync();
        var unknown = await CliRun.RunAsync(Register, "ask", document, "-q", "Who?", "--pipeline", "no-such-pipeline");
        Assert.Equal(2, unknown.ExitCode);
        var line = Assert.Single(unknown.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var expected in new[] { "--pipeline", "no-such-pipeline", FirstLinesPipeline.PipelineName, PipelineNames.ChainOfAgents, PipelineNames.Extractive, PipelineNames.MemoryStream })
            Assert.Contains(expected, line);
        // A registered pipeline that does not do the command's job is named as such, with those that do.
        var writer = await CliRun.RunAsync(Register, "summarize", document, "--pipeline", PipelineNames.PlanThenWrite);
        Assert.Equal(2, writer.ExitCode);
        var writerLine = Assert.Single(writer.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("does not summarise", writerLine);
        Assert.Contains(FirstLinesPipeline.PipelineName, writerLine);
    }

    [Fact]
    public async Task Bench_runs_the_hosts_pipeline_on_a_registered_dataset()
    {
        Assert.True(ExtensionRegistrationTests.RegisteredOnDefaults.Value);
        var output = Path.Combine(_folder.FullName, "bench");
        var bench = await CliRun.RunAsync(Register, "bench", "--dataset", CapitalsDatasetProvider.DatasetName, "--pipelines", FirstLinesPipeline.PipelineName, "--out", output);
        Assert.True(bench.ExitCode == 0, bench.Stderr);
        var rows = AgentFramework.Evaluation.Reports.ResultsJournal.Read(Path.Combine(output, AgentFramework.Evaluation.Reports.ReportWriter.ResultsFile));
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal(FirstLinesPipeline.PipelineName, row.Pipeline));
        Assert.All(rows, row => Assert.Null(row.Error));
        Assert.All(rows, row => Assert.StartsWith("[Answer] The capital of France is Paris.", row.Prediction));

        var unknown = await CliRun.RunAsync(Register, "bench", "--dataset", CapitalsDatasetProvider.DatasetName, "--pipelines", "no-such-pipeline", "--out", output);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains(FirstLinesPipeline.PipelineName, unknown.Stderr);
    }

    [Fact]
    public async Task The_plain_binary_does_not_see_a_hosts_pipeline()
    {
        var document = await DocumentAsync();
        var plain = await CliRun.RunAsync("ask", document, "-q", "Who?", "--pipeline", FirstLinesPipeline.PipelineName);
        Assert.Equal(2, plain.ExitCode);
        var line = Assert.Single(plain.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var offered = line[(line.IndexOf("use one of", StringComparison.Ordinal) + "use one of".Length)..];
        Assert.Contains(PipelineNames.Extractive, offered);
        Assert.DoesNotContain(FirstLinesPipeline.PipelineName, offered);
    }
}

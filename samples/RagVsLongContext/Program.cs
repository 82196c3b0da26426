// Compares retrieval (RAG) with long context on the same model and data, through the library API: needle-in-a-haystack
// cases sized to 4k and 16k tokens, each pipeline run on every case, scored, and written as a benchmark report.
//   dotnet run --project samples/RagVsLongContext -- [OUT_FOLDER] [CASES_PER_LENGTH]
// With AGENTFW_ENDPOINT set (an OpenAI-compatible server, e.g. `agentfw serve --model DIR`) it compares full-context,
// retrieve-then-reason and chain-of-agents; otherwise only the extractive pipeline runs, which needs no model.
// The window and tokenizer come from the server when it states them (vLLM, llama.cpp, agentfw serve); otherwise
// AGENTFW_CONTEXT_LENGTH (default 8192) with cl100k and a safety margin. Full-context middle-truncates to the window.
// Re-running with the same folder resumes: finished cases are not run again.
using AgentFramework.Agents;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Reports;
using AgentFramework.Evaluation.Runner;
using AgentFramework.Evaluation.Synthetic;
using AgentFramework.Models;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;

var output = args.Length > 0 ? args[0] : Path.Combine("runs", "rag-vs-long-context");
var perLength = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 3;
var endpoint = Environment.GetEnvironmentVariable("AGENTFW_ENDPOINT");

IChatClient? chat = null;
ModelProfile? profile = null;
string[] pipelines = [PipelineNames.Extractive];
if (!string.IsNullOrEmpty(endpoint))
{
    var options = EndpointOptions.Parse(endpoint, Environment.GetEnvironmentVariable("AGENTFW_MODEL_ID"), Environment.GetEnvironmentVariable("AGENTFW_API_KEY"));
    var budget = EndpointBudgets.Discover(options, int.TryParse(Environment.GetEnvironmentVariable("AGENTFW_CONTEXT_LENGTH"), out var c) ? c : 8192, TimeSpan.FromSeconds(10));
    Console.Error.WriteLine(budget.Description);
    profile = budget.Profile;
    chat = EndpointChatClientFactory.CreateChatClient(options, new ModelPipelineOptions { TokenCounter = profile.TokenCounter });
    pipelines = [PipelineNames.FullContext, PipelineNames.RetrieveThenReason, PipelineNames.ChainOfAgents];
}

// The filler is the Paul Graham essays when ../shared/data is present, else generated text.
var counter = profile?.TokenCounter ?? TokenCounters.Cl100k;
var cases = new SyntheticGenerator(counter, FillerSources.For(DatasetCatalog.DefaultDataDir()))
    .GenerateSet(SyntheticDatasets.Niah, [4096, 16384], perLength, seed: 42);

await using var host = AgentPipelineHost.Create(chat, profile, null, Path.Combine(output, ".indexes"));
var progress = new Progress<BenchmarkProgress>(p => Console.Error.WriteLine(p.Describe()));
var outcome = await new BenchmarkRunner(host.Pipelines(pipelines), new MetricRegistry()).RunAsync(cases, output, progress);

// A failed case is never a score: means cover the cases that ran; a pipeline with none scored says why instead.
var rows = ResultsJournal.Read(Path.Combine(output, ReportWriter.ResultsFile));
// Degradations (a truncated haystack, chunks cut to fit) are said per pipeline; report.md lists them per case.
foreach (var group in rows.Where(r => r.Notices is not null).SelectMany(r => r.Notices!.Select(code => (r.Pipeline, Code: code))).GroupBy(n => n))
    Console.Error.WriteLine($"warning: {group.Key.Pipeline}: {group.Key.Code} in {group.Count()} case(s)");
var errors = rows.Where(r => r.Error is not null)
    .GroupBy(r => r.Pipeline).ToDictionary(g => g.Key, g => g.First().Error!);
Console.WriteLine($"{"pipeline",-22} {"score",6} {"prompt tokens",14} {"calls",6} {"mean s",7}  failed");
foreach (var p in outcome.Report.Summary.Pipelines)
{
    int scored = p.Cases - p.FailedCases;
    string failed = p.FailedCases == 0 ? "0" : $"{p.FailedCases} of {p.Cases} ({errors.GetValueOrDefault(p.Pipeline)})";
    if (scored == 0) Console.WriteLine($"{p.Pipeline,-22} {"failed",6} {"–",14} {"–",6} {"–",7}  {failed}");
    else Console.WriteLine($"{p.Pipeline,-22} {p.MeanScore,6:0.000} {p.PromptTokens,14} {p.ModelCalls,6} {p.MeanWallSeconds,7:0.00}  {failed}");
}
var baseline = outcome.Report.Summary.Pipelines.FirstOrDefault(p => p.Pipeline == SummaryBuilder.DefaultBaseline);
if (baseline is not null && baseline.Cases == baseline.FailedCases)
    Console.WriteLine("no comparison with full-context: it failed every case");
else
    foreach (var c in outcome.Report.Summary.VersusBaseline)
        Console.WriteLine($"{c.Pipeline} vs full-context: {c.Wins} wins, {c.Ties} ties, {c.Losses} losses (cases both scored)");
Console.WriteLine($"report: {Path.Combine(output, ReportWriter.ReportFile)}");
// Every case failing is a broken setup (endpoint down, window too small), not a result.
return outcome.Report.Summary.Pipelines.All(p => p.Cases == p.FailedCases) ? 1 : 0;

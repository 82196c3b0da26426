// Describes a source folder with the library API. Files are read in path order and chunk headers keep file names,
// so Chain-of-Agents workers (with AGENTFW_ENDPOINT set) cite files; without a model the extractive pipeline
// picks the most central comment and code lines.
//   dotnet run --project samples/SummarizeCodebase -- [FOLDER] [QUESTION]
using AgentFramework.Agents;
using AgentFramework.Documents;
using AgentFramework.Models;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

var folder = args.Length > 0 ? args[0] : Path.Combine("agents", "AgentFramework.Agents");
var question = args.Length > 1 ? args[1] : null;
var endpoint = Environment.GetEnvironmentVariable("AGENTFW_ENDPOINT");

var services = new ServiceCollection();
var pipeline = PipelineNames.Extractive;
if (!string.IsNullOrEmpty(endpoint))
{
    var options = EndpointOptions.Parse(endpoint, Environment.GetEnvironmentVariable("AGENTFW_MODEL_ID"), Environment.GetEnvironmentVariable("AGENTFW_API_KEY"));
    // The window and tokenizer the server states (AGENTFW_CONTEXT_LENGTH, default 8192, only when it states none).
    var budget = EndpointBudgets.Discover(options, int.TryParse(Environment.GetEnvironmentVariable("AGENTFW_CONTEXT_LENGTH"), out var c) ? c : 8192, TimeSpan.FromSeconds(10));
    Console.Error.WriteLine(budget.Description);
    var profile = budget.Profile;
    services.AddSingleton<IChatClient>(EndpointChatClientFactory.CreateChatClient(options, new ModelPipelineOptions { TokenCounter = profile.TokenCounter }));
    services.AddSingleton(profile);
    pipeline = PipelineNames.ChainOfAgents;
}
services.AddAgentFramework();
await using var provider = services.BuildServiceProvider();

var codebase = await new DocumentLoader().LoadAsync(folder);
Console.Error.WriteLine($"{codebase.Files.Count} files, {codebase.Text.Length:N0} characters");
var agent = provider.GetRequiredService<IDocumentAgent>();
var result = question is null
    ? await agent.SummarizeAsync([codebase], pipeline, new PipelineRunOptions { SummaryWords = 200 })
    : await agent.AskAsync([codebase], question, pipeline);

Console.WriteLine(result.Text);
Console.WriteLine("\nSources:");
foreach (var citation in result.Citations.Take(10))
    Console.WriteLine($"  {codebase.SourceMap.Locate(citation.Start)}");
Console.WriteLine($"\n{pipeline}: {result.Trace.CallCount} model calls");
return 0;

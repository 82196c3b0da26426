// Summarises a book with the library API: load, pick a pipeline, summarise, print the summary with its sources.
//   dotnet run --project samples/SummarizeBook -- [PATH] [WORDS]
// With AGENTFW_ENDPOINT set (an OpenAI-compatible server, e.g. `agentfw serve --model DIR`) it uses Chain-of-Agents;
// otherwise the extractive pipeline, which needs no model.
using AgentFramework.Agents;
using AgentFramework.Documents;
using AgentFramework.Models;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

var path = args.Length > 0 ? args[0] : Path.Combine("samples", "data", "moby-dick.txt");
var words = args.Length > 1 && int.TryParse(args[1], out var w) ? w : 250;
var endpoint = Environment.GetEnvironmentVariable("AGENTFW_ENDPOINT");

var services = new ServiceCollection();
var pipeline = PipelineNames.Extractive;
var unitTokens = 400;
if (!string.IsNullOrEmpty(endpoint))
{
    var options = EndpointOptions.Parse(endpoint, Environment.GetEnvironmentVariable("AGENTFW_MODEL_ID"), Environment.GetEnvironmentVariable("AGENTFW_API_KEY"));
    // The window and tokenizer the server states (AGENTFW_CONTEXT_LENGTH, default 8192, only when it states none).
    var budget = EndpointBudgets.Discover(options, int.TryParse(Environment.GetEnvironmentVariable("AGENTFW_CONTEXT_LENGTH"), out var c) ? c : 8192, TimeSpan.FromSeconds(10));
    Console.Error.WriteLine(budget.Description);
    var profile = budget.Profile;
    // usage accounting → retry → endpoint, so the trace sees every call
    services.AddSingleton<IChatClient>(EndpointChatClientFactory.CreateChatClient(options, new ModelPipelineOptions { TokenCounter = profile.TokenCounter }));
    services.AddSingleton(profile);
    pipeline = PipelineNames.ChainOfAgents;
    unitTokens = Math.Min(unitTokens, profile.ContextLength / 8);
}
// Units up to 400 tokens, less in a small window (a worker reads one unit and writes the next).
services.AddAgentFramework(o => o.ChainOfAgents.UnitTokens = unitTokens);
await using var provider = services.BuildServiceProvider();

var book = await new DocumentLoader().LoadAsync(path);
var agent = provider.GetRequiredService<IDocumentAgent>();
var progress = new Progress<PipelineProgress>(p => Console.Error.WriteLine($"{p.Stage}: {p.CallsDone}/{p.CallsPlanned} calls"));
var result = await agent.SummarizeAsync([book], pipeline, new PipelineRunOptions { SummaryWords = words }, progress);

Console.WriteLine($"Summary of {book.Name} ({pipeline}, {words} words):\n");
Console.WriteLine(result.Text);
Console.WriteLine("\nSources:");
foreach (var citation in result.Citations.Take(10))
    Console.WriteLine($"  {book.SourceMap.Locate(citation.Start)}  chars [{citation.Start},{citation.End})");
// What the pipeline had to give up (a truncated book, chunks cut to fit) is said, never silent.
foreach (var notice in result.Trace.Notices) Console.Error.WriteLine($"warning: {notice.Message}");
Console.WriteLine($"\n{result.Trace.CallCount} model calls, {result.Trace.PromptTokens}/{result.Trace.CompletionTokens} tokens in/out");
return 0;

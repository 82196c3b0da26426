using AgentFramework.Agents;
using AgentFramework.Documents;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
// Optional: a model (see below). Without one only the extractive pipeline runs.
services.AddAgentFramework(o => o.ChainOfAgents.UnitTokens = 400);
await using var provider = services.BuildServiceProvider();

var book = await new DocumentLoader().LoadAsync("samples/data/moby-dick.txt");
var agent = provider.GetRequiredService<IDocumentAgent>();
var result = await agent.SummarizeAsync([book], PipelineNames.Extractive, new PipelineRunOptions { SummaryWords = 250 });
Console.WriteLine(result.Text);                       // result.Citations: spans of the book; result.Trace: every call

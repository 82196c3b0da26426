// Gives a user's own agent the pipelines as tools: ask_document, summarize_document and write_long_form, as
// Microsoft.Extensions.AI functions (the same tools are a Semantic Kernel plugin via DocumentTools.AsKernelPlugin()).
//   dotnet run --project samples/AgentTools -- [PATH] [QUESTION]
// With AGENTFW_ENDPOINT set (an OpenAI-compatible server with tool calling), the model decides to call ask_document and
// answers from its result. Without it there is no model to decide, so the sample lists the tools and calls
// ask_document itself, as an agent would, on the extractive pipeline (no model needed).
using System.Text.Encodings.Web;
using System.Text.Json;
using AgentFramework.Agents;
using AgentFramework.Agents.Tools;
using AgentFramework.Models;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

var path = args.Length > 0 ? args[0] : Path.Combine("samples", "data", "moby-dick.txt");
var question = args.Length > 1 ? args[1] : "Where did Queequeg come from?";
var endpoint = Environment.GetEnvironmentVariable("AGENTFW_ENDPOINT");

var services = new ServiceCollection();
IChatClient? model = null;
if (!string.IsNullOrEmpty(endpoint))
{
    var options = EndpointOptions.Parse(endpoint, Environment.GetEnvironmentVariable("AGENTFW_MODEL_ID"), Environment.GetEnvironmentVariable("AGENTFW_API_KEY"));
    model = EndpointChatClientFactory.CreateChatClient(options, new ModelPipelineOptions { TokenCounter = TokenCounters.Cl100k });
    services.AddSingleton(model);
    services.AddSingleton(new ModelProfile(options.ModelId, 8192, TokenCounters.Cl100k));
}
services.AddAgentFramework();
await using var provider = services.BuildServiceProvider();
var tools = provider.GetRequiredService<DocumentTools>();

if (model is not null)
{
    // The user's agent: any IChatClient with function invocation; its window never has to hold the document.
    var agent = new ChatClientBuilder(model).UseFunctionInvocation().Build();
    var answer = await agent.GetResponseAsync(
        [new ChatMessage(ChatRole.System, "Answer questions about files with the ask_document tool."),
         new ChatMessage(ChatRole.User, $"{question} (the file is {path})")],
        new ChatOptions { Tools = [.. tools.AsAIFunctions()] });
    Console.WriteLine(answer.Text);
    return 0;
}

Console.Error.WriteLine("agent-tools: no AGENTFW_ENDPOINT, so no model chooses the tool; calling ask_document directly (extractive pipeline)");
foreach (var function in tools.AsAIFunctions())
    Console.WriteLine($"tool {function.Name}: {function.Description}");
var result = await tools.AskDocumentAsync(path, question);
Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
return result.Error is null ? 0 : 2;

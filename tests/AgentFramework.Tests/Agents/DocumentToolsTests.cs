using System.Text.Json;
using AgentFramework.Agents;
using AgentFramework.Agents.Tools;
using AgentFramework.Models;
using AgentFramework.Tests.Models;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using FunctionResultContent = Microsoft.Extensions.AI.FunctionResultContent;
using FunctionCallContent = Microsoft.Extensions.AI.FunctionCallContent;

namespace AgentFramework.Tests.Agents;

/// <summary>
/// The pipelines as tools of a user's agent: a scripted tool-calling client (orchestration only) asks for
/// <c>ask_document</c>; the real extractive pipeline reads the real file and the result reaches the model.
/// </summary>
public sealed class DocumentToolsTests
{
    private const string Text = """
        The harbour master kept a ledger of every ship. In the spring of 1841 the whaler Acushnet sailed from Fairhaven.
        Its crew numbered twenty-six men. The voyage lasted four years and ended in the Pacific.

        Nobody in the town remembered the cooper's name, although he had built every barrel on board.
        """;

    [Fact]
    public async Task A_tool_calling_chat_client_invokes_ask_document_and_gets_cited_text()
    {
        using var temp = new TempFolder();
        var path = temp.File("ledger.txt");
        await File.WriteAllTextAsync(path, Text, TestContext.Current.CancellationToken);
        var tools = CreateTools(temp.Path);

        var model = new Models.ScriptedChatClient((messages, options, call, _) => Task.FromResult(call switch
        {
            1 => new ChatResponse(new ChatMessage(ChatRole.Assistant,
                [new FunctionCallContent("call-1", "ask_document", new Dictionary<string, object?> { ["path"] = path, ["question"] = "When did the Acushnet sail?" })])),
            _ => new ChatResponse(new ChatMessage(ChatRole.Assistant, "tool said: " + ToolResultText(messages))),
        }));
        var agent = new ChatClientBuilder(model).UseFunctionInvocation().Build();

        var answer = await agent.GetResponseAsync([new ChatMessage(ChatRole.User, "When did the Acushnet sail?")],
            new ChatOptions { Tools = [.. tools.AsAIFunctions()] }, TestContext.Current.CancellationToken);

        Assert.Equal(2, model.Calls);
        Assert.Contains(tools.AsAIFunctions(), f => f.Name == "ask_document");
        using var result = JsonDocument.Parse(ToolResultText(model.Requests.Last()));
        Assert.Equal("extractive", result.RootElement.GetProperty("pipeline").GetString());
        Assert.False(result.RootElement.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null, "the tool reported an error");
        Assert.Contains("1841", result.RootElement.GetProperty("text").GetString());
        var citation = result.RootElement.GetProperty("citations")[0];
        var loaded = Text.ReplaceLineEndings("\n");
        Assert.Equal(citation.GetProperty("quote").GetString(),
            loaded[citation.GetProperty("start").GetInt32()..citation.GetProperty("end").GetInt32()]);
        Assert.StartsWith("tool said: ", answer.Text);
    }

    [Fact]
    public async Task Semantic_Kernel_invokes_summarize_document_as_a_plugin_function()
    {
        using var temp = new TempFolder();
        var path = temp.File("ledger.txt");
        await File.WriteAllTextAsync(path, Text, TestContext.Current.CancellationToken);
        var kernel = new Kernel();
        kernel.Plugins.Add(CreateTools(temp.Path).AsKernelPlugin());

        var result = await kernel.InvokeAsync("documents", "summarize_document", new KernelArguments { ["path"] = path, ["words"] = 20 }, TestContext.Current.CancellationToken);

        var summary = result.GetValue<DocumentToolResult>()!;
        Assert.Null(summary.Error);
        Assert.NotEmpty(summary.Citations);
        Assert.All(summary.Citations, c => Assert.Contains(c.Quote, Text.ReplaceLineEndings("\n")));
    }

    [Fact]
    public async Task Paths_outside_the_allowed_folders_and_unknown_pipelines_are_errors_for_the_model_not_exceptions()
    {
        using var temp = new TempFolder();
        var tools = CreateTools(temp.Path);

        var outside = await tools.AskDocumentAsync("/etc/passwd", "what users exist?", cancellationToken: TestContext.Current.CancellationToken);
        var badPipeline = await tools.AskDocumentAsync(temp.File("x.txt"), "q", pipeline: "telepathy", cancellationToken: TestContext.Current.CancellationToken);
        var missing = await tools.SummarizeDocumentAsync(temp.File("missing.txt"), cancellationToken: TestContext.Current.CancellationToken);
        var noModel = await tools.WriteLongFormAsync("A history of whaling", 500, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains("outside the folders", outside.Error);
        Assert.Contains("unknown pipeline", badPipeline.Error);
        Assert.NotNull(missing.Error);
        Assert.Contains("needs a chat model", noModel.Error);
    }

    private static DocumentTools CreateTools(string root)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new ModelProfile("none", 4096, TokenCounters.Cl100k));
        services.AddAgentFramework();
        services.Configure<DocumentToolsOptions>(o => o.AllowedRoots.Add(root));
        return services.BuildServiceProvider().GetRequiredService<DocumentTools>();
    }

    private static string ToolResultText(IReadOnlyList<ChatMessage> messages)
    {
        var result = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Last().Result;
        return result switch
        {
            string s => s,
            JsonElement e => e.GetRawText(),
            _ => JsonSerializer.Serialize(result),
        };
    }
}

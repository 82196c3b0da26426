using System.Text.Json;
using AgentFramework.Models;
using AgentFramework.Onnx;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Serving;

/// <summary>
/// Prompt tokens served from the local runtime's prefix cache are reported the way OpenAI reports them
/// (usage.prompt_tokens_details.cached_tokens) by <c>agentfw serve</c>, and reach the trace through the usage middleware.
/// </summary>
public class CachedPromptTokensTests
{
    private static readonly string Document = string.Join(" ", Enumerable.Repeat(
        "Call me Ishmael. Some years ago, never mind how long precisely, having little money in my purse, I thought I would sail about a little.", 6));

    private static object Body(string question) => new
    {
        model = "any", max_tokens = 4, temperature = 0,
        messages = new[] { new { role = "user", content = Document + "\n\nQuestion: " + question } },
    };

    [Fact]
    public async Task Serve_reports_the_reused_document_prefix_as_cached_tokens()
    {
        var ct = TestContext.Current.CancellationToken;
        using var chat = new OnnxChatClient(OnnxModel.Load(SharedData.TinyLlama), ownsModel: true);
        await using var server = await RunningServer.StartAsync(chat);

        async Task<(long Prompt, long Cached)> AskAsync(string question)
        {
            using var response = await server.Http.PostAsync("/v1/chat/completions", RunningServer.Json(Body(question)), ct);
            var usage = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("usage");
            return (usage.GetProperty("prompt_tokens").GetInt64(), usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt64());
        }

        var first = await AskAsync("Who is the narrator?");
        var second = await AskAsync("How much money?");

        Assert.Equal(0, first.Cached);
        long documentTokens = chat.Model.EncodeText(Document).Length;
        Assert.InRange(second.Cached, documentTokens, second.Prompt - 1);
    }

    [Fact]
    public async Task The_openai_client_and_the_usage_middleware_record_cached_prompt_tokens_in_the_trace()
    {
        var ct = TestContext.Current.CancellationToken;
        using var chat = new OnnxChatClient(OnnxModel.Load(SharedData.TinyLlama), ownsModel: true);
        await using var server = await RunningServer.StartAsync(chat);
        var trace = new PipelineTrace();
        using var client = new UsageAccountingChatClient(EndpointChatClientFactory.CreateChatClient(new EndpointOptions(server.ApiBase, "any")), trace: trace);
        var options = new ChatOptions { MaxOutputTokens = 4, Temperature = 0 };

        await client.GetResponseAsync(Document + "\n\nQuestion: Who is the narrator?", options, ct);
        await client.GetResponseAsync(Document + "\n\nQuestion: How much money?", options, ct);

        Assert.Equal(2, trace.CallCount);
        Assert.Equal(0, trace.Calls[0].CachedPromptTokens);
        Assert.True(trace.Calls[1].CachedPromptTokens >= chat.Model.EncodeText(Document).Length, $"cached {trace.Calls[1].CachedPromptTokens}");
        Assert.Equal(trace.Calls[1].CachedPromptTokens, trace.CachedPromptTokens);
    }
}

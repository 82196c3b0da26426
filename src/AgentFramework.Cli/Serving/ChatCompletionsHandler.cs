using System.Text.Json;
using AgentFramework.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace AgentFramework.Cli.Serving;

/// <summary><c>POST /v1/chat/completions</c>: one JSON completion, or server-sent chunks ending in <c>data: [DONE]</c>.</summary>
internal static class ChatCompletionsHandler
{
    public static async Task HandleAsync(HttpContext context, ServerState state)
    {
        ChatCompletionRequest request;
        using (var body = await ServerJson.ReadBodyAsync(context)) request = ChatCompletionRequest.Parse(body.RootElement);

        using var lease = await state.ChatGate.EnterAsync(context.RequestAborted) ?? throw OpenAiError.QueueFull(state.ChatGate.MaxWaiting);
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        try
        {
            if (request.Stream) await StreamAsync(context, state, request, id, created);
            else await CompleteAsync(context, state, request, id, created);
        }
        catch (UserInputException e) when (!context.Response.HasStarted)
        {
            // The model refused the input (e.g. a prompt longer than its context): the caller's to fix.
            throw OpenAiError.BadRequest(e.Message.ReplaceLineEndings(" "), "messages");
        }
    }

    private static async Task CompleteAsync(HttpContext context, ServerState state, ChatCompletionRequest request, string id, long created)
    {
        var response = await state.Chat.GetResponseAsync(request.Messages, request.Options, context.RequestAborted);
        var usage = Usage(state, request, response.Usage, response.Text);
        await ServerJson.WriteAsync(context, new
        {
            id,
            @object = "chat.completion",
            created,
            model = state.Options.ModelId,
            choices = new[]
            {
                new { index = 0, message = new { role = "assistant", content = response.Text }, finish_reason = FinishReason(response.FinishReason) },
            },
            usage,
        });
    }

    private static async Task StreamAsync(HttpContext context, ServerState state, ChatCompletionRequest request, string id, long created)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";

        string Chunk(object delta, string? finishReason) => JsonSerializer.Serialize(new
        {
            id,
            @object = "chat.completion.chunk",
            created,
            model = state.Options.ModelId,
            choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
        }, ServerJson.Options);

        await ServerJson.WriteEventAsync(context, Chunk(new { role = "assistant", content = "" }, null));
        var text = new System.Text.StringBuilder();
        UsageDetails? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in state.Chat.GetStreamingResponseAsync(request.Messages, request.Options, context.RequestAborted))
        {
            foreach (var content in update.Contents.OfType<UsageContent>()) usage = content.Details;
            finish = update.FinishReason ?? finish;
            if (string.IsNullOrEmpty(update.Text)) continue;
            text.Append(update.Text);
            await ServerJson.WriteEventAsync(context, Chunk(new { content = update.Text }, null));
        }
        await ServerJson.WriteEventAsync(context, Chunk(new { }, FinishReason(finish)));
        if (request.IncludeUsage)
        {
            var usageBlock = Usage(state, request, usage, text.ToString());
            await ServerJson.WriteEventAsync(context, JsonSerializer.Serialize(new
            {
                id,
                @object = "chat.completion.chunk",
                created,
                model = state.Options.ModelId,
                choices = Array.Empty<object>(),
                usage = usageBlock,
            }, ServerJson.Options));
        }
        await ServerJson.WriteEventAsync(context, "[DONE]");
    }

    /// <summary>OpenAI's usage block, with prompt_tokens_details.cached_tokens: the prompt prefix served from the prefix cache.</summary>
    private static object Usage(ServerState state, ChatCompletionRequest request, UsageDetails? usage, string completionText)
    {
        var counter = state.Options.TokenCounter;
        long prompt = usage?.InputTokenCount ?? request.Messages.Sum(m => (long)(counter?.CountTokens(m.Text) ?? 0));
        long completion = usage?.OutputTokenCount ?? counter?.CountTokens(completionText) ?? 0;
        long cached = Math.Min(prompt, usage?.CachedInputTokenCount ?? 0);
        return new
        {
            prompt_tokens = prompt, completion_tokens = completion, total_tokens = prompt + completion,
            prompt_tokens_details = new { cached_tokens = cached },
        };
    }

    private static string FinishReason(ChatFinishReason? reason) =>
        reason == ChatFinishReason.Length ? "length" : reason == ChatFinishReason.ContentFilter ? "content_filter" : "stop";
}

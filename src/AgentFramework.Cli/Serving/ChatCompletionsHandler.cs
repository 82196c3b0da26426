using System.Text.Json;
using AgentFramework.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentFramework.Cli.Serving;

/// <summary><c>POST /v1/chat/completions</c>: one JSON completion, or server-sent chunks ending in <c>data: [DONE]</c>.</summary>
internal static class ChatCompletionsHandler
{
    public static async Task HandleAsync(HttpContext context, ServerState state)
    {
        // Admission first: a full line is refused before the body is read, parsed or tokenised.
        using var admission = state.ChatGate.Admit() ?? throw OpenAiError.QueueFull(state.ChatGate.MaxWaiting);
        ChatCompletionRequest request;
        using (var body = await ServerJson.ReadBodyAsync(context)) request = ServerJson.Parse(body, ChatCompletionRequest.Parse);
        // A prompt that provably cannot fit (a multi-MB paste) is refused now, not after waiting its turn and rendering.
        try { state.Options.Tokenizer?.EnsureMayFit(request.Messages, request.Options.MaxOutputTokens); }
        catch (UserInputException e)
        {
            state.ChatCounters.Refuse();
            throw OpenAiError.BadRequest(Infrastructure.LibraryOptionFlags.Translate(e.Message).ReplaceLineEndings(" "), "messages");
        }

        // Ends the request when the client goes away or when the shutdown drain time is over.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, state.DrainOver);
        try
        {
            await admission.WaitTurnAsync(ended.Token);
        }
        catch (OperationCanceledException) when (state.DrainOver.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            throw OpenAiError.ShuttingDown();
        }
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        try
        {
            if (request.Stream) await StreamAsync(context, state, request, id, created, ended.Token);
            else await CompleteAsync(context, state, request, id, created, ended.Token);
        }
        catch (UserInputException e) when (!context.Response.HasStarted)
        {
            state.ChatCounters.Refuse();
            // The model refused the input (e.g. a prompt longer than its context): the caller's to fix.
            throw OpenAiError.BadRequest(Infrastructure.LibraryOptionFlags.Translate(e.Message).ReplaceLineEndings(" "), "messages");
        }
        catch (OperationCanceledException) when (state.DrainOver.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            throw OpenAiError.ShuttingDown();
        }
    }

    private static async Task CompleteAsync(HttpContext context, ServerState state, ChatCompletionRequest request, string id, long created, CancellationToken ct)
    {
        var response = await state.Chat.GetResponseAsync(request.Messages, request.Options, ct);
        var usage = Usage(state, request, response.Usage, response.Text);
        state.ChatCounters.Answer(usage.PromptTokens, request.Options.MaxOutputTokens ?? usage.CompletionTokens);
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

    private static async Task StreamAsync(HttpContext context, ServerState state, ChatCompletionRequest request, string id, long created, CancellationToken ct)
    {
        // The first update is awaited before any header is sent: a request the model refuses (too long for its
        // context, a bad parameter) still gets a plain 400, never a 200 followed by a reset.
        await using var updates = state.Chat.GetStreamingResponseAsync(request.Messages, request.Options, ct).GetAsyncEnumerator(ct);
        bool more = await updates.MoveNextAsync();

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
        try
        {
            for (; more; more = await updates.MoveNextAsync())
            {
                var update = updates.Current;
                foreach (var content in update.Contents.OfType<UsageContent>()) usage = content.Details;
                finish = update.FinishReason ?? finish;
                if (string.IsNullOrEmpty(update.Text)) continue;
                text.Append(update.Text);
                await ServerJson.WriteEventAsync(context, Chunk(new { content = update.Text }, null));
            }
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Headers are gone: the stream ends with an error event and [DONE] instead of a reset connection.
            if (e is UserInputException) state.ChatCounters.Refuse();
            var error = e is OperationCanceledException && state.DrainOver.IsCancellationRequested ? OpenAiError.ShuttingDown()
                : e is UserInputException ? OpenAiError.BadRequest(Infrastructure.LibraryOptionFlags.Translate(e.Message).ReplaceLineEndings(" "), "messages")
                : OpenAiError.Internal();
            if (error.Status >= 500 && e is not OperationCanceledException)
                context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("agentfw.serve").LogError("stream {Id} failed: {Error}", id, e.Message);
            await ServerJson.WriteStreamErrorAsync(context, error);
            return;
        }
        await ServerJson.WriteEventAsync(context, Chunk(new { }, FinishReason(finish)));
        var usageBlock = Usage(state, request, usage, text.ToString());
        state.ChatCounters.Answer(usageBlock.PromptTokens, request.Options.MaxOutputTokens ?? usageBlock.CompletionTokens);
        if (request.IncludeUsage)
        {
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
    private sealed record UsageBlock(long PromptTokens, long CompletionTokens, long TotalTokens, PromptDetails PromptTokensDetails);

    private sealed record PromptDetails(long CachedTokens);

    private static UsageBlock Usage(ServerState state, ChatCompletionRequest request, UsageDetails? usage, string completionText)
    {
        var counter = state.Options.TokenCounter;
        long prompt = usage?.InputTokenCount ?? request.Messages.Sum(m => (long)(counter?.CountTokens(m.Text) ?? 0));
        long completion = usage?.OutputTokenCount ?? counter?.CountTokens(completionText) ?? 0;
        long cached = Math.Min(prompt, usage?.CachedInputTokenCount ?? 0);
        return new UsageBlock(prompt, completion, prompt + completion, new PromptDetails(cached));
    }

    private static string FinishReason(ChatFinishReason? reason) =>
        reason == ChatFinishReason.Length ? "length" : reason == ChatFinishReason.ContentFilter ? "content_filter" : "stop";
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AgentFramework.Cli.Serving;

/// <summary>
/// <c>POST /tokenize</c> and <c>POST /detokenize</c> in the shapes of vLLM's and llama.cpp's servers, so any client
/// that budgets with a server's tokenizer works against <c>agentfw serve</c>:
/// vLLM: <c>{"prompt": "…", "add_special_tokens": true}</c> or <c>{"messages": […]}</c> → <c>{"count", "max_model_len", "tokens"}</c>;
/// llama.cpp: <c>{"content": "…", "add_special": false}</c> → <c>{"tokens"}</c>. Detokenize takes <c>{"tokens": […]}</c> and
/// answers with both <c>prompt</c> (vLLM) and <c>content</c> (llama.cpp).
/// </summary>
internal static class TokenizeHandlers
{
    // Shapes from vllm-project/vllm (entrypoints/openai/serving_tokenization.py) and ggml-org/llama.cpp (tools/server/README.md).
    public static async Task TokenizeAsync(HttpContext context, IServedTokenizer? tokenizer)
    {
        if (tokenizer is null) throw OpenAiError.NotFound("This server offers no tokenizer for its model.");
        using var body = await ServerJson.ReadBodyAsync(context);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw OpenAiError.BadRequest("The request body must be a JSON object.");

        if (root.TryGetProperty("content", out var content))
        {
            if (content.ValueKind != JsonValueKind.String) throw OpenAiError.BadRequest("'content' must be a string.", "content");
            bool addSpecial = Bool(root, "add_special") ?? false;
            await ServerJson.WriteAsync(context, new { tokens = tokenizer.Encode(content.GetString()!, addSpecial) });
            return;
        }

        int[] tokens;
        if (root.TryGetProperty("messages", out _))
            tokens = tokenizer.EncodeChat(ChatCompletionRequest.Parse(root).Messages);
        else if (root.TryGetProperty("prompt", out var prompt) && prompt.ValueKind == JsonValueKind.String)
            tokens = tokenizer.Encode(prompt.GetString()!, Bool(root, "add_special_tokens") ?? true);
        else
            throw OpenAiError.BadRequest("Give 'prompt' (a string), 'messages' (chat messages) or 'content' (a string).", "prompt");
        await ServerJson.WriteAsync(context, new { count = tokens.Length, max_model_len = tokenizer.ContextLength, tokens, token_strs = (string[]?)null });
    }

    public static async Task DetokenizeAsync(HttpContext context, IServedTokenizer? tokenizer)
    {
        if (tokenizer is null) throw OpenAiError.NotFound("This server offers no tokenizer for its model.");
        using var body = await ServerJson.ReadBodyAsync(context);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("tokens", out var tokens) || tokens.ValueKind != JsonValueKind.Array
            || !tokens.EnumerateArray().All(t => t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out _)))
            throw OpenAiError.BadRequest("'tokens' must be an array of token ids.", "tokens");
        var text = tokenizer.Decode(tokens.EnumerateArray().Select(t => t.GetInt32()).ToArray());
        await ServerJson.WriteAsync(context, new { prompt = text, content = text });
    }

    private static bool? Bool(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}

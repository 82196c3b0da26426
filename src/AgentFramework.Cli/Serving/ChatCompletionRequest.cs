using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentFramework.Cli.Serving;

/// <summary>
/// A validated <c>POST /v1/chat/completions</c> body turned into Microsoft.Extensions.AI messages and options.
/// Unknown fields are ignored (clients send many); fields we cannot honour (n &gt; 1, tools) are refused with 400.
/// </summary>
public sealed record ChatCompletionRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions Options, bool Stream, bool IncludeUsage)
{
    public static ChatCompletionRequest Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) throw OpenAiError.BadRequest("The request body must be a JSON object.");
        if (!body.TryGetProperty("messages", out var messagesJson) || messagesJson.ValueKind != JsonValueKind.Array || messagesJson.GetArrayLength() == 0)
            throw OpenAiError.BadRequest("'messages' must be a non-empty array.", "messages");

        var messages = new List<ChatMessage>();
        int index = 0;
        foreach (var m in messagesJson.EnumerateArray())
        {
            messages.Add(ParseMessage(m, $"messages[{index}]"));
            index++;
        }

        var options = new ChatOptions
        {
            MaxOutputTokens = OptionalInt(body, "max_completion_tokens", min: 1, max: Infrastructure.NumericLimits.MaxTokens)
                ?? OptionalInt(body, "max_tokens", min: 1, max: Infrastructure.NumericLimits.MaxTokens),
            Temperature = OptionalFloat(body, "temperature", 0, 2),
            TopP = OptionalFloat(body, "top_p", 0, 1),
            TopK = OptionalInt(body, "top_k", min: 0, max: Infrastructure.NumericLimits.MaxTokens),
            Seed = OptionalInt(body, "seed", min: long.MinValue),
            FrequencyPenalty = OptionalFloat(body, "frequency_penalty", -2, 2),
            PresencePenalty = OptionalFloat(body, "presence_penalty", -2, 2),
            StopSequences = ParseStop(body),
        };
        if (OptionalInt(body, "n", min: 1) is > 1) throw OpenAiError.BadRequest("Only n = 1 is supported.", "n");
        if (body.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() > 0)
            throw OpenAiError.BadRequest("Tool calling is not supported by this server.", "tools");
        if (body.TryGetProperty("response_format", out var format) && format.ValueKind == JsonValueKind.Object
            && format.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
            options.ResponseFormat = type.GetString() switch
            {
                "text" => ChatResponseFormat.Text,
                "json_object" => ChatResponseFormat.Json,
                var other => throw OpenAiError.BadRequest($"response_format '{other}' is not supported; use 'text' or 'json_object'.", "response_format"),
            };

        bool stream = OptionalBool(body, "stream") ?? false;
        bool includeUsage = body.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object
            && (OptionalBool(so, "include_usage") ?? false);
        return new ChatCompletionRequest(messages, options, stream, includeUsage);
    }

    private static ChatMessage ParseMessage(JsonElement m, string path)
    {
        if (m.ValueKind != JsonValueKind.Object) throw OpenAiError.BadRequest($"{path} must be an object.", path);
        if (!m.TryGetProperty("role", out var roleJson) || roleJson.ValueKind != JsonValueKind.String)
            throw OpenAiError.BadRequest($"{path}.role must be a string.", $"{path}.role");
        var role = roleJson.GetString() switch
        {
            "system" or "developer" => ChatRole.System,
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            "tool" => ChatRole.Tool,
            var other => throw OpenAiError.BadRequest($"{path}.role '{other}' is not one of system, developer, user, assistant, tool.", $"{path}.role"),
        };
        if (!m.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
            return new ChatMessage(role, "");
        if (content.ValueKind == JsonValueKind.String) return new ChatMessage(role, content.GetString());
        if (content.ValueKind != JsonValueKind.Array)
            throw OpenAiError.BadRequest($"{path}.content must be a string or an array of text parts.", $"{path}.content");

        var parts = new List<AIContent>();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() != "text"
                || !part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                throw OpenAiError.BadRequest($"{path}.content: only parts of type 'text' with a string 'text' are supported.", $"{path}.content");
            parts.Add(new TextContent(text.GetString()));
        }
        return new ChatMessage(role, parts);
    }

    private static List<string>? ParseStop(JsonElement body)
    {
        if (!body.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null) return null;
        if (stop.ValueKind == JsonValueKind.String) return [stop.GetString()!];
        if (stop.ValueKind == JsonValueKind.Array && stop.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String))
            return stop.EnumerateArray().Select(s => s.GetString()!).ToList();
        throw OpenAiError.BadRequest("'stop' must be a string or an array of strings.", "stop");
    }

    private static int? OptionalInt(JsonElement body, string name, long min, long max = int.MaxValue)
    {
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i) || i < min || i > max)
            throw OpenAiError.BadRequest($"'{name}' must be an integer{(min > int.MinValue ? $" of at least {min}" : "")}{(max < int.MaxValue ? $" and at most {max}" : "")}.", name);
        return i;
    }

    private static float? OptionalFloat(JsonElement body, string name, float min, float max)
    {
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || d < min || d > max)
            throw OpenAiError.BadRequest($"'{name}' must be a number between {min} and {max}.", name);
        return (float)d;
    }

    private static bool? OptionalBool(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw OpenAiError.BadRequest($"'{name}' must be true or false.", name),
        };
    }
}

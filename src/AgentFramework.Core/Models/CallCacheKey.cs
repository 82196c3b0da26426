using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentFramework.Models;

/// <summary>
/// The content address of a chat request: SHA-256 (hex) over a canonical JSON of the model id, every message (role and
/// contents) and the options that change the output (temperature, top-p/k, max tokens, seed, stop sequences, response
/// format, penalties, tool names, additional properties). Options that do not change the output (conversation id,
/// tool mode bookkeeping) are left out, so they do not defeat the cache.
/// </summary>
internal static class CallCacheKey
{
    public static string Compute(string? modelId, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("v", "1");
            json.WriteString("model", modelId ?? "");
            json.WriteStartArray("messages");
            foreach (var message in messages)
            {
                json.WriteStartObject();
                json.WriteString("role", message.Role.Value);
                json.WriteStartArray("contents");
                foreach (var content in message.Contents) WriteContent(json, content);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (options is not null) WriteOptions(json, options);
            json.WriteEndObject();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    /// <summary>
    /// Whether a request's output is reproducible and may be replayed. Sampling with temperature &gt; 0 and no seed is
    /// meant to vary between calls, so it is never cached; greedy (temperature 0), seeded, or backend-default
    /// (temperature unset) requests are. Pipelines ask for temperature 0 when they want reproducible, resumable runs.
    /// </summary>
    public static bool IsCacheable(ChatOptions? options) =>
        options?.Temperature is not > 0f || options.Seed is not null;

    private static void WriteContent(Utf8JsonWriter json, AIContent content)
    {
        switch (content)
        {
            case TextContent text:
                json.WriteStringValue(text.Text);
                break;
            case FunctionCallContent call:
                json.WriteStringValue($"call:{call.CallId}:{call.Name}:{JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions)}");
                break;
            case FunctionResultContent result:
                json.WriteStringValue($"result:{result.CallId}:{JsonSerializer.Serialize(result.Result, AIJsonUtilities.DefaultOptions)}");
                break;
            case DataContent data:
                json.WriteStringValue($"data:{data.MediaType}:{Convert.ToHexStringLower(SHA256.HashData(data.Data.Span))}");
                break;
            default:
                // Other contents (reasoning, usage) do not steer generation in a way we can replay faithfully.
                json.WriteStringValue($"{content.GetType().Name}");
                break;
        }
    }

    private static void WriteOptions(Utf8JsonWriter json, ChatOptions options)
    {
        if (options.Temperature is { } t) json.WriteNumber("temperature", t);
        if (options.TopP is { } p) json.WriteNumber("top_p", p);
        if (options.TopK is { } k) json.WriteNumber("top_k", k);
        if (options.MaxOutputTokens is { } m) json.WriteNumber("max_tokens", m);
        if (options.Seed is { } s) json.WriteNumber("seed", s);
        if (options.FrequencyPenalty is { } f) json.WriteNumber("frequency_penalty", f);
        if (options.PresencePenalty is { } pp) json.WriteNumber("presence_penalty", pp);
        if (options.StopSequences is { Count: > 0 } stops)
        {
            json.WriteStartArray("stop");
            foreach (var stop in stops) json.WriteStringValue(stop);
            json.WriteEndArray();
        }
        if (options.ResponseFormat is { } format)
            json.WriteString("response_format", JsonSerializer.Serialize(format, AIJsonUtilities.DefaultOptions));
        if (options.Instructions is { } instructions) json.WriteString("instructions", instructions);
        if (options.Tools is { Count: > 0 } tools)
        {
            json.WriteStartArray("tools");
            foreach (var tool in tools) json.WriteStringValue(tool.Name);
            json.WriteEndArray();
        }
        if (options.AdditionalProperties is { Count: > 0 } extra)
        {
            json.WriteStartObject("additional");
            foreach (var (name, value) in extra.OrderBy(e => e.Key, StringComparer.Ordinal))
                json.WriteString(name, JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions));
            json.WriteEndObject();
        }
    }
}

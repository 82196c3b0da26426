using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace AgentFramework.Cli.Serving;

/// <summary>Reading request bodies and writing OpenAI-shaped JSON (snake_case, nulls kept as OpenAI does for errors).</summary>
internal static class ServerJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Parses the body; malformed JSON → 400, a body over the limit → 413.</summary>
    public static async Task<JsonDocument> ReadBodyAsync(HttpContext context)
    {
        try
        {
            // Read whole (Kestrel bounds the size), then checked as UTF-8: System.Text.Json leaves string contents
            // unvalidated until they are read, and JSON must be UTF-8 wherever the bad bytes are.
            // Sized from Content-Length up to the body limit (a larger one is refused with 413 on reading): no doubling garbage.
            long limit = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0;
            long declared = Math.Min(context.Request.ContentLength ?? 0, Math.Min(limit, int.MaxValue));
            using var buffer = new MemoryStream(declared > 0 ? (int)declared : 0);
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var bytes = new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
            if (!System.Text.Unicode.Utf8.IsValid(bytes.Span))
                throw OpenAiError.BadRequest("The body is not valid UTF-8; send JSON encoded as UTF-8.");
            // Parsed in place (no second copy of a body of up to --max-body-bytes): the buffer outlives the stream.
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw OpenAiError.BadRequest($"The body is not valid JSON: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw OpenAiError.TooLarge(context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize);
        }
        catch (BadHttpRequestException e)
        {
            // Broken chunked framing, a body shorter than its Content-Length, a body sent too slowly: the client's fault.
            throw OpenAiError.FromBadRequest(e);
        }
        catch (IOException e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Kestrel reports some framing faults (a chunk size that overflows) as IOException; the client is still there.
            throw OpenAiError.BadRequest($"The request body could not be read: {e.Message}");
        }
    }

    /// <summary>
    /// Runs a parser over the parsed body: text that is not valid UTF-8, an unpaired surrogate escape (\ud800) or a
    /// value of the wrong JSON type surfaces from System.Text.Json as InvalidOperationException; it is the client's 400.
    /// </summary>
    public static T Parse<T>(JsonDocument body, Func<JsonElement, T> parse)
    {
        try
        {
            return parse(body.RootElement);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            throw OpenAiError.BadRequest($"The body holds a value that cannot be read ({e.Message}); send valid UTF-8 JSON with the documented types.");
        }
    }

    /// <summary>An SSE stream that cannot go on: an error event in OpenAI's shape, then [DONE], so clients see why it ended.</summary>
    public static async Task WriteStreamErrorAsync(HttpContext context, OpenAiError error)
    {
        await WriteEventAsync(context, JsonSerializer.Serialize(error.ToBody(), Options));
        await WriteEventAsync(context, "[DONE]");
    }

    public static Task WriteAsync(HttpContext context, object body, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, body.GetType(), Options, context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, OpenAiError error)
    {
        if (error.Status == StatusCodes.Status429TooManyRequests) context.Response.Headers.RetryAfter = "1";
        return WriteAsync(context, error.ToBody(), error.Status);
    }

    /// <summary>One server-sent event: <c>data: {json}\n\n</c>, flushed so the client sees it now.</summary>
    public static async Task WriteEventAsync(HttpContext context, string data)
    {
        await context.Response.WriteAsync("data: " + data + "\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>True for failures that only mean the client went away.</summary>
    public static bool IsClientGone(HttpContext context, Exception e) =>
        context.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException or ConnectionResetException;
}

using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AgentFramework.Cli.Serving;

/// <summary><c>POST /v1/embeddings</c>: <c>input</c> is a string or an array of strings; vectors come back as float
/// arrays or, with <c>encoding_format: "base64"</c> (what the OpenAI SDKs ask for), as little-endian float32 bytes.</summary>
internal static class EmbeddingsHandler
{
    private const int MaxInputs = 2048;

    public static async Task HandleAsync(HttpContext context, ServerState state)
    {
        if (state.Embeddings is null)
            throw OpenAiError.NotFound("This server has no embedding model: start it with --embedding-model DIR.", "model_not_found");

        using var admission = state.EmbeddingGate.Admit() ?? throw OpenAiError.QueueFull(state.EmbeddingGate.MaxWaiting);
        List<string> inputs;
        bool base64;
        using (var body = await ServerJson.ReadBodyAsync(context)) (inputs, base64) = ServerJson.Parse(body, Parse);
        await admission.WaitTurnAsync(context.RequestAborted);
        var embeddings = await state.Embeddings.GenerateAsync(inputs, cancellationToken: context.RequestAborted);
        long tokens = embeddings.Usage?.InputTokenCount ?? inputs.Sum(i => (long)(state.Options.TokenCounter?.CountTokens(i) ?? 0));
        await ServerJson.WriteAsync(context, new
        {
            @object = "list",
            data = embeddings.Select((e, i) => new
            {
                @object = "embedding",
                index = i,
                embedding = base64 ? (object)Convert.ToBase64String(MemoryMarshal.AsBytes(e.Vector.Span)) : e.Vector.ToArray(),
            }).ToArray(),
            model = state.Options.EmbeddingModelId,
            usage = new { prompt_tokens = tokens, total_tokens = tokens },
        });
    }

    private static (List<string> Inputs, bool Base64) Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("input", out var input))
            throw OpenAiError.BadRequest("'input' is required: a string or an array of strings.", "input");
        List<string> inputs = input.ValueKind switch
        {
            JsonValueKind.String => [input.GetString()!],
            JsonValueKind.Array when input.GetArrayLength() > 0 && input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
                => input.EnumerateArray().Select(e => e.GetString()!).ToList(),
            _ => throw OpenAiError.BadRequest("'input' must be a string or a non-empty array of strings (token arrays are not supported).", "input"),
        };
        if (inputs.Count > MaxInputs) throw OpenAiError.BadRequest($"'input' has {inputs.Count} items; at most {MaxInputs} are allowed.", "input");

        var format = body.TryGetProperty("encoding_format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : "float";
        if (format is not ("float" or "base64")) throw OpenAiError.BadRequest("'encoding_format' must be 'float' or 'base64'.", "encoding_format");
        return (inputs, format == "base64");
    }
}

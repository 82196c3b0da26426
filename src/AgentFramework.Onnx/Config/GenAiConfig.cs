using System.Text.Json;
using AgentFramework.Errors;

namespace AgentFramework.Onnx.Config;

/// <summary>Names the decoder graph uses, as genai_config.json's decoder.inputs/outputs give them (%d = layer index).</summary>
public sealed record DecoderIoNames(
    string InputIds,
    string AttentionMask,
    string PositionIds,
    string PastKey,
    string PastValue,
    string PastCombined,
    string Logits,
    string PresentKey,
    string PresentValue,
    string PresentCombined);

/// <summary>search defaults from genai_config.json (used when the caller gives none).</summary>
public sealed record SearchDefaults(int? MaxLength, bool DoSample, int? TopK, float? TopP, float? Temperature, float? RepetitionPenalty);

/// <summary>
/// What an ONNX Runtime GenAI model folder's genai_config.json says: model type, context length, decoder file and
/// I/O names, layer/head counts, special token ids and search defaults. Read once by <see cref="OnnxModel"/>.
/// </summary>
public sealed record GenAiConfig(
    string ModelType,
    int ContextLength,
    int? VocabSize,
    string DecoderFileName,
    int NumHiddenLayers,
    int? NumAttentionHeads,
    int? NumKeyValueHeads,
    int? HeadSize,
    int? HiddenSize,
    IReadOnlyList<int> BosTokenIds,
    IReadOnlyList<int> EosTokenIds,
    int? PadTokenId,
    DecoderIoNames Names,
    SearchDefaults Search)
{
    public const string FileName = "genai_config.json";

    public static GenAiConfig Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new ModelException(path, $"{path} not found: OnnxModel.Load(folder) must be an ONNX Runtime GenAI model folder containing {FileName}");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }); }
        catch (JsonException e) { throw new ModelException(path, $"{path}: not valid JSON ({e.Message})", e); }
        using (doc) return Parse(doc.RootElement, path);
    }

    public static GenAiConfig Parse(JsonElement root, string path)
    {
        var model = Required(root, "model", path, "model");
        var decoder = Required(model, "decoder", path, "model.decoder");
        var inputs = Optional(decoder, "inputs");
        var outputs = Optional(decoder, "outputs");
        string Name(JsonElement? section, string key, string fallback) =>
            section is { } s && s.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : fallback;

        var names = new DecoderIoNames(
            Name(inputs, "input_ids", "input_ids"),
            Name(inputs, "attention_mask", "attention_mask"),
            Name(inputs, "position_ids", "position_ids"),
            Name(inputs, "past_key_names", "past_key_values.%d.key"),
            Name(inputs, "past_value_names", "past_key_values.%d.value"),
            Name(inputs, "past_names", "past_%d"),
            Name(outputs, "logits", "logits"),
            Name(outputs, "present_key_names", "present.%d.key"),
            Name(outputs, "present_value_names", "present.%d.value"),
            Name(outputs, "present_names", "present_%d"));

        var searchElement = Optional(root, "search");
        var search = new SearchDefaults(
            Int(searchElement, "max_length", path, "search.max_length"),
            searchElement is { } se && se.TryGetProperty("do_sample", out var ds) && ds.ValueKind == JsonValueKind.True,
            Int(searchElement, "top_k", path, "search.top_k"),
            Float(searchElement, "top_p", path, "search.top_p"),
            Float(searchElement, "temperature", path, "search.temperature"),
            Float(searchElement, "repetition_penalty", path, "search.repetition_penalty"));

        var type = model.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
        if (string.IsNullOrWhiteSpace(type)) throw new ModelException(path, $"{path}: model.type is missing (e.g. \"llama\", \"phi3\", \"qwen2\")");
        var context = Int(model, "context_length", path, "model.context_length")
            ?? throw new ModelException(path, $"{path}: model.context_length is missing");
        if (context <= 0) throw new ModelException(path, $"{path}: model.context_length must be positive, got {context}");
        var fileName = decoder.TryGetProperty("filename", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "";
        if (string.IsNullOrWhiteSpace(fileName)) throw new ModelException(path, $"{path}: model.decoder.filename is missing (the decoder .onnx file)");
        var layers = Int(decoder, "num_hidden_layers", path, "model.decoder.num_hidden_layers")
            ?? throw new ModelException(path, $"{path}: model.decoder.num_hidden_layers is missing");

        return new GenAiConfig(
            type.ToLowerInvariant(), context, Int(model, "vocab_size", path, "model.vocab_size"), fileName, layers,
            Int(decoder, "num_attention_heads", path, "model.decoder.num_attention_heads"),
            Int(decoder, "num_key_value_heads", path, "model.decoder.num_key_value_heads"),
            Int(decoder, "head_size", path, "model.decoder.head_size"),
            Int(decoder, "hidden_size", path, "model.decoder.hidden_size"),
            Ids(model, "bos_token_id", path), Ids(model, "eos_token_id", path),
            Ids(model, "pad_token_id", path) is [var pad, ..] ? pad : null,
            names, search);
    }

    private static JsonElement Required(JsonElement parent, string key, string path, string field) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Object
            ? v : throw new ModelException(path, $"{path}: {field} is missing or not an object");

    private static JsonElement? Optional(JsonElement parent, string key) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    private static int? Int(JsonElement? parent, string key, string path, string field)
    {
        if (parent is not { } p || !p.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i
            : throw new ModelException(path, $"{path}: {field} must be an integer, got {v.GetRawText()}");
    }

    private static float? Float(JsonElement? parent, string key, string path, string field)
    {
        if (parent is not { } p || !p.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.Number ? v.GetSingle()
            : throw new ModelException(path, $"{path}: {field} must be a number, got {v.GetRawText()}");
    }

    // Token ids may be one integer or a list (several EOS ids).
    private static IReadOnlyList<int> Ids(JsonElement parent, string key, string path)
    {
        if (!parent.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return [];
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var one)) return [one];
        if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number))
            return v.EnumerateArray().Select(e => e.GetInt32()).ToArray();
        throw new ModelException(path, $"{path}: model.{key} must be an integer or a list of integers, got {v.GetRawText()}");
    }
}

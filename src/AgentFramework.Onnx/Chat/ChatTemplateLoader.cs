using System.Text.Json;
using AgentFramework.Errors;
using AgentFramework.Onnx.Templating;

namespace AgentFramework.Onnx.Chat;

/// <summary>
/// Finds the chat template a model was trained with, in transformers' order: chat_template.jinja (what recent
/// transformers saves), chat_template.json, then tokenizer_config.json's chat_template (a string, or a list of named
/// templates of which "default" is used). A --chat-template value is either a .jinja file or a built-in name; the
/// built-in templates are used only when the folder has none (said in the notes).
/// </summary>
internal static class ChatTemplateLoader
{
    public static ChatTemplate Load(string folder, string? overrideValue, string modelType, IEnumerable<string> addedTokens, ICollection<string> notes)
    {
        var specialTokens = SpecialTokens(folder);
        if (overrideValue is { } value)
        {
            if (value.EndsWith(".jinja", StringComparison.OrdinalIgnoreCase) || File.Exists(value))
            {
                if (!File.Exists(value)) throw new InvalidOptionException("OnnxModelOptions.ChatTemplate", $"OnnxModelOptions.ChatTemplate '{value}': file not found");
                return Compile(File.ReadAllText(value), Path.GetFullPath(value), specialTokens, "OnnxModelOptions.ChatTemplate");
            }
            return ChatTemplates.Get(value);
        }
        if (Find(folder) is { } found)
        {
            try { return Compile(found.Text, found.Source, specialTokens, found.Source); }
            catch (ModelException e)
            {
                var fallback = ChatTemplates.Detect(modelType, found.Text, addedTokens);
                notes.Add($"{e.Message}; using the built-in '{fallback.Name}' template instead");
                return fallback;
            }
        }
        var builtIn = ChatTemplates.Detect(modelType, null, addedTokens);
        notes.Add($"the folder has no chat template (chat_template.jinja, chat_template.json or tokenizer_config.json chat_template): using the built-in '{builtIn.Name}' template");
        return builtIn;
    }

    /// <summary>The folder's template text and where it came from, or null.</summary>
    public static (string Text, string Source)? Find(string folder)
    {
        var jinja = Path.Combine(folder, "chat_template.jinja");
        if (File.Exists(jinja)) return (File.ReadAllText(jinja), "chat_template.jinja");
        var json = Path.Combine(folder, "chat_template.json");
        if (ReadJson(json) is { } templateJson && TemplateField(templateJson) is { } fromJson) return (fromJson, "chat_template.json chat_template");
        var config = Path.Combine(folder, "tokenizer_config.json");
        if (ReadJson(config) is { } configJson && TemplateField(configJson) is { } fromConfig) return (fromConfig, "tokenizer_config.json chat_template");
        return null;
    }

    /// <summary>bos_token, eos_token, unk_token, pad_token (tokenizer_config.json, else special_tokens_map.json): the variables templates read.</summary>
    public static Dictionary<string, string?> SpecialTokens(string folder)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        var config = ReadJson(Path.Combine(folder, "tokenizer_config.json"));
        var map = ReadJson(Path.Combine(folder, "special_tokens_map.json"));
        foreach (var name in (string[])["bos_token", "eos_token", "unk_token", "pad_token", "sep_token", "cls_token", "mask_token"])
            if ((TokenString(config, name) ?? TokenString(map, name)) is { } token) result[name] = token;
        return result;
    }

    private static ChatTemplate Compile(string text, string source, IReadOnlyDictionary<string, string?> specialTokens, string target)
    {
        try { return new JinjaChatTemplate(text, source, specialTokens); }
        catch (JinjaException e) { throw new ModelException(target, $"{target}: the chat template could not be parsed ({e.Message})", e); }
    }

    private static string? TemplateField(JsonElement root)
    {
        if (!root.TryGetProperty("chat_template", out var t)) return null;
        if (t.ValueKind == JsonValueKind.String) return t.GetString();
        if (t.ValueKind == JsonValueKind.Array)
            foreach (var e in t.EnumerateArray())
                if (e.TryGetProperty("name", out var n) && n.GetString() == "default" && e.TryGetProperty("template", out var tt)) return tt.GetString();
        return null;
    }

    private static string? TokenString(JsonElement? json, string key)
    {
        if (json is not { } j || !j.TryGetProperty(key, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Object when v.TryGetProperty("content", out var content) => content.GetString(),
            _ => null,
        };
    }

    private static JsonElement? ReadJson(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true });
            return doc.RootElement.Clone();
        }
        catch (JsonException e) { throw new ModelException(path, $"{path}: not valid JSON ({e.Message})", e); }
    }
}

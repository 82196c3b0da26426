using AgentFramework.Errors;
using AgentFramework.Onnx.Chat.Templates;

namespace AgentFramework.Onnx.Chat;

/// <summary>
/// The chat templates we render, and the choice of one for a model folder: the tokenizer_config.json chat_template's
/// markers first (the most specific evidence), then genai_config.json's model type, then the plain fallback.
/// </summary>
public static class ChatTemplates
{
    private static readonly ChatTemplate[] All =
    [
        new Phi3ChatTemplate(), new Llama3ChatTemplate(), new Llama2ChatTemplate(), new ChatMlChatTemplate(),
        new MistralChatTemplate(), new GemmaChatTemplate(), new PlainChatTemplate(),
    ];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["phi-3"] = "phi3", ["phi3.5"] = "phi3", ["phi-3.5"] = "phi3", ["llama-3"] = "llama3", ["llama-2"] = "llama2",
        ["qwen"] = "chatml", ["qwen2"] = "chatml", ["qwen2.5"] = "chatml", ["none"] = "plain",
    };

    public static IEnumerable<string> Names => All.Select(t => t.Name);

    /// <summary>The template called <paramref name="name"/> (or an alias such as "qwen"); bad names are a user error.</summary>
    public static ChatTemplate Get(string name)
    {
        var key = Aliases.TryGetValue(name.Trim(), out var alias) ? alias : name.Trim();
        return All.FirstOrDefault(t => string.Equals(t.Name, key, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOptionException("OnnxModelOptions.ChatTemplate", $"OnnxModelOptions.ChatTemplate '{name}' is unknown: use one of {string.Join(", ", Names)}");
    }

    /// <summary>Picks the template for a model from its files.</summary>
    public static ChatTemplate Detect(string modelType, string? chatTemplateSource, IEnumerable<string> specialTokens)
    {
        var source = chatTemplateSource ?? "";
        var tokens = specialTokens.ToHashSet(StringComparer.Ordinal);
        if (source.Contains("<|start_header_id|>", StringComparison.Ordinal) || tokens.Contains("<|start_header_id|>")) return Get("llama3");
        if (source.Contains("<|im_start|>", StringComparison.Ordinal)) return Get("chatml");
        if (source.Contains("<start_of_turn>", StringComparison.Ordinal)) return Get("gemma");
        if (source.Contains("<|assistant|>", StringComparison.Ordinal)) return Get("phi3");
        if (source.Contains("<<SYS>>", StringComparison.Ordinal)) return Get("llama2");
        if (source.Contains("[INST]", StringComparison.Ordinal)) return Get("mistral");
        return modelType.ToLowerInvariant() switch
        {
            "phi3" or "phi3small" or "phi3v" or "phimoe" => Get("phi3"),
            "qwen2" or "qwen3" => Get("chatml"),
            "gemma" or "gemma2" or "gemma3" or "gemma3_text" => Get("gemma"),
            "mistral" => Get("mistral"),
            "llama" when tokens.Contains("<|eot_id|>") => Get("llama3"),
            _ when tokens.Contains("<|im_start|>") => Get("chatml"),
            _ => Get("plain"),
        };
    }
}

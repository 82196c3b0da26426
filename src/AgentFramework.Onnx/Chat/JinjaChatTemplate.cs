using AgentFramework.Onnx.Templating;
using Microsoft.Extensions.AI;

namespace AgentFramework.Onnx.Chat;

/// <summary>
/// The model's own Jinja chat template, rendered as transformers' apply_chat_template renders it (messages, tools=None,
/// documents=None, add_generation_prompt, and the tokenizer's special-token strings). Message text is marked as
/// content in the rendered prompt, so special-token strings inside it stay plain text when tokenized.
/// </summary>
public sealed class JinjaChatTemplate : ChatTemplate
{
    private readonly JinjaTemplate _template;
    private readonly IReadOnlyDictionary<string, string?> _specialTokens;

    /// <param name="source">Where the template was read from, e.g. "tokenizer_config.json chat_template".</param>
    /// <param name="specialTokens">bos_token, eos_token, unk_token, pad_token, ... as the tokenizer config names them.</param>
    public JinjaChatTemplate(string text, string source, IReadOnlyDictionary<string, string?> specialTokens, Func<DateTime>? clock = null)
    {
        _template = new JinjaTemplate(text) { Clock = clock ?? (() => DateTime.Now) };
        Source = source;
        _specialTokens = specialTokens;
    }

    public override string Name => "model";

    /// <summary>Where the template text came from (file and field).</summary>
    public override string Source { get; }

    public string Text => _template.Source;

    /// <exception cref="ChatTemplateRefusedException">The template called raise_exception for this conversation.</exception>
    /// <exception cref="JinjaException">The template could not be rendered (a type error or unsupported construct).</exception>
    public override RenderedPrompt Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["messages"] = messages.Select(ToTemplateMessage).ToList(),
            ["tools"] = null,
            ["documents"] = null,
            ["add_generation_prompt"] = addGenerationPrompt,
        };
        foreach (var (name, value) in _specialTokens) variables[name] = value is null ? null : new TrackedString(value);
        JinjaOutput output;
        try { output = _template.Render(variables); }
        catch (JinjaRaisedException e) { throw new ChatTemplateRefusedException(e.Message, e); }
        var prompt = new RenderedPrompt();
        foreach (var (text, isContent) in output.Runs())
        {
            if (isContent) prompt.Content(text);
            else prompt.Control(text);
        }
        return prompt;
    }

    // Roles are ours (the four Microsoft.Extensions.AI roles); only the text is untrusted content.
    private static object ToTemplateMessage(ChatMessage m) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["role"] = new TrackedString(m.Role.Value),
        ["content"] = new TrackedString(m.Text ?? "", isContent: true),
    };
}

/// <summary>The model's chat template refused the conversation (raise_exception), e.g. Gemma 2 given a system message.</summary>
public sealed class ChatTemplateRefusedException(string message, Exception inner) : Exception(message, inner);

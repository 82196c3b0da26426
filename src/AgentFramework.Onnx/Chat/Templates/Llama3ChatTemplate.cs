using Microsoft.Extensions.AI;

namespace AgentFramework.Onnx.Chat.Templates;

/// <summary>Llama 3 / 3.x: header-delimited turns ending in &lt;|eot_id|&gt;; message content is trimmed as the official template does.</summary>
public sealed class Llama3ChatTemplate : ChatTemplate
{
    public override string Name => "llama3";

    public override IReadOnlyList<string> TurnTerminators => ["<|eot_id|>"];

    public override RenderedPrompt Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        var prompt = new RenderedPrompt().Control("<|begin_of_text|>");
        foreach (var m in messages)
            prompt.Control($"<|start_header_id|>{m.Role.Value}<|end_header_id|>\n\n").Content(TextOf(m).Trim()).Control("<|eot_id|>");
        if (addGenerationPrompt) prompt.Control("<|start_header_id|>assistant<|end_header_id|>\n\n");
        return prompt;
    }
}

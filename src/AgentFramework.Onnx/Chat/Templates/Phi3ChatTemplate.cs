using Microsoft.Extensions.AI;

namespace AgentFramework.Onnx.Chat.Templates;

/// <summary>Phi-3 / Phi-3.5: &lt;|system|&gt;, &lt;|user|&gt;, &lt;|assistant|&gt; each followed by a newline, turns end with &lt;|end|&gt;\n.</summary>
public sealed class Phi3ChatTemplate : ChatTemplate
{
    public override string Name => "phi3";

    public override IReadOnlyList<string> TurnTerminators => ["<|end|>"];

    public override RenderedPrompt Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        var prompt = new RenderedPrompt();
        foreach (var m in messages)
        {
            var role = m.Role == ChatRole.System ? "system" : m.Role == ChatRole.Assistant ? "assistant" : "user";
            prompt.Control($"<|{role}|>\n").Content(TextOf(m)).Control("<|end|>\n");
        }
        if (addGenerationPrompt) prompt.Control("<|assistant|>\n");
        return prompt;
    }
}

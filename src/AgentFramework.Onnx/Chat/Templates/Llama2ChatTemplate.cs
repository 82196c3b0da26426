using Microsoft.Extensions.AI;

namespace AgentFramework.Onnx.Chat.Templates;

/// <summary>Llama 2 chat: &lt;s&gt;[INST] &lt;&lt;SYS&gt;&gt;\nsystem\n&lt;&lt;/SYS&gt;&gt;\n\nuser [/INST] assistant &lt;/s&gt; (stripped content, as the official template).</summary>
public sealed class Llama2ChatTemplate : ChatTemplate
{
    public override string Name => "llama2";

    public override IReadOnlyList<string> TurnTerminators => ["</s>"];

    public override RenderedPrompt Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        var prompt = new RenderedPrompt();
        var system = string.Join("\n", messages.Where(m => m.Role == ChatRole.System).Select(TextOf));
        bool first = true;
        foreach (var m in messages.Where(m => m.Role != ChatRole.System))
        {
            if (m.Role == ChatRole.Assistant) { prompt.Control(" ").Content(TextOf(m).Trim()).Control(" </s>"); continue; }
            prompt.Control("<s>[INST] ");
            if (first && system.Length > 0) prompt.Control("<<SYS>>\n").Content(system).Control("\n<</SYS>>\n\n");
            prompt.Content(TextOf(m).Trim()).Control(" [/INST]");
            first = false;
        }
        return prompt;
    }
}

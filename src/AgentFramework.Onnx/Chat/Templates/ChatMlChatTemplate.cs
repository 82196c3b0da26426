using Microsoft.Extensions.AI;

namespace AgentFramework.Onnx.Chat.Templates;

/// <summary>ChatML (Qwen 2/2.5, many fine-tunes): &lt;|im_start|&gt;role\ncontent&lt;|im_end|&gt;\n.</summary>
public sealed class ChatMlChatTemplate : ChatTemplate
{
    public override string Name => "chatml";

    public override IReadOnlyList<string> TurnTerminators => ["<|im_end|>"];

    public override RenderedPrompt Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        var prompt = new RenderedPrompt();
        foreach (var m in messages) prompt.Control($"<|im_start|>{m.Role.Value}\n").Content(TextOf(m)).Control("<|im_end|>\n");
        if (addGenerationPrompt) prompt.Control("<|im_start|>assistant\n");
        return prompt;
    }
}

using Microsoft.Extensions.AI;

namespace AgentFramework.Onnx.Chat.Templates;

/// <summary>Fallback for base models without a chat format: "Role: content" lines, ending with "Assistant:".</summary>
public sealed class PlainChatTemplate : ChatTemplate
{
    public override string Name => "plain";

    public override IReadOnlyList<string> TurnTerminators => ["\nUser:"];

    public override RenderedPrompt Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        var prompt = new RenderedPrompt();
        foreach (var m in messages)
        {
            var role = m.Role == ChatRole.System ? "System" : m.Role == ChatRole.Assistant ? "Assistant" : "User";
            prompt.Control($"{role}: ").Content(TextOf(m)).Control("\n\n");
        }
        if (addGenerationPrompt) prompt.Control("Assistant:");
        return prompt;
    }
}

using Microsoft.Extensions.AI;

namespace AgentFramework.Onnx.Chat.Templates;

/// <summary>Mistral instruct: &lt;s&gt;[INST] user [/INST]assistant&lt;/s&gt;[INST] ...; a system message is prepended to the first user turn.</summary>
public sealed class MistralChatTemplate : ChatTemplate
{
    public override string Name => "mistral";

    public override IReadOnlyList<string> TurnTerminators => ["</s>"];

    public override RenderedPrompt Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        var prompt = new RenderedPrompt().Control("<s>");
        foreach (var (role, text) in FoldSystemIntoFirstUser(messages, "\n\n"))
        {
            if (role == ChatRole.Assistant) prompt.Content(text).Control("</s>");
            else prompt.Control("[INST] ").Content(text).Control(" [/INST]");
        }
        return prompt;
    }
}

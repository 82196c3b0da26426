using Microsoft.Extensions.AI;

namespace AgentFramework.Onnx.Chat.Templates;

/// <summary>Gemma: &lt;bos&gt;&lt;start_of_turn&gt;user\n...&lt;end_of_turn&gt;\n, assistant turns are role "model"; system folds into the first user turn.</summary>
public sealed class GemmaChatTemplate : ChatTemplate
{
    public override string Name => "gemma";

    public override IReadOnlyList<string> TurnTerminators => ["<end_of_turn>"];

    public override RenderedPrompt Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        var prompt = new RenderedPrompt().Control("<bos>");
        foreach (var (role, text) in FoldSystemIntoFirstUser(messages, "\n\n"))
            prompt.Control($"<start_of_turn>{(role == ChatRole.Assistant ? "model" : "user")}\n").Content(text.Trim()).Control("<end_of_turn>\n");
        if (addGenerationPrompt) prompt.Control("<start_of_turn>model\n");
        return prompt;
    }
}

using Microsoft.Extensions.AI;

namespace AgentFramework.Onnx.Chat;

/// <summary>
/// A model family's chat format. Implementations render exactly what the family's own Jinja template renders for
/// system/user/assistant turns (tool calls are flattened to text).
/// </summary>
public abstract class ChatTemplate
{
    /// <summary>Name used by --chat-template, e.g. "phi3", "llama3", "chatml".</summary>
    public abstract string Name { get; }

    /// <summary>Renders the conversation; with <paramref name="addGenerationPrompt"/> it ends where the assistant's reply starts.</summary>
    public abstract RenderedPrompt Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true);

    /// <summary>Text that ends an assistant turn in this format (a stop sequence in case the marker is not a single special token).</summary>
    public virtual IReadOnlyList<string> TurnTerminators => [];

    protected static string TextOf(ChatMessage message) => message.Text ?? "";

    /// <summary>Gemma and Mistral have no system role: the system text is prepended to the first user turn.</summary>
    protected static List<(ChatRole Role, string Text)> FoldSystemIntoFirstUser(IReadOnlyList<ChatMessage> messages, string separator)
    {
        var system = string.Join(separator, messages.Where(m => m.Role == ChatRole.System).Select(TextOf));
        var turns = messages.Where(m => m.Role != ChatRole.System).Select(m => (m.Role, TextOf(m))).ToList();
        if (system.Length > 0)
        {
            int first = turns.FindIndex(t => t.Role == ChatRole.User);
            if (first >= 0) turns[first] = (ChatRole.User, system + separator + turns[first].Item2);
            else turns.Insert(0, (ChatRole.User, system));
        }
        return turns;
    }
}

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

    /// <summary>Where the template comes from: the model folder's file, a --chat-template file, or "built-in".</summary>
    public virtual string Source => "built-in";

    /// <summary>
    /// Renders the conversation; when the template refuses a system message (Gemma 2 raises "System role not
    /// supported"), renders again with the system text folded into the first user turn and says so in
    /// <paramref name="note"/> (callers put it in the response and the trace).
    /// </summary>
    public RenderedPrompt RenderOrFold(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt, out string? note)
    {
        note = null;
        try { return Render(messages, addGenerationPrompt); }
        catch (ChatTemplateRefusedException e) when (messages.Any(m => m.Role == ChatRole.System))
        {
            var folded = FoldSystemIntoFirstUser(messages, "\n\n").Select(t => new ChatMessage(t.Role, t.Text)).ToList();
            note = $"the chat template refused the conversation ({e.Message}); the system message was folded into the first user turn";
            return Render(folded, addGenerationPrompt);
        }
    }

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

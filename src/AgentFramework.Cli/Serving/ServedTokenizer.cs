using AgentFramework.Onnx;
using Microsoft.Extensions.AI;

namespace AgentFramework.Cli.Serving;

/// <summary>
/// What <c>/tokenize</c>, <c>/detokenize</c> and <c>/v1/models</c> tell a client about the served model, so that the
/// client can budget prompts with the server's own tokenizer, chat template and window instead of guessing.
/// </summary>
public interface IServedTokenizer
{
    /// <summary>The model's context window in tokens (vLLM's <c>max_model_len</c>).</summary>
    int ContextLength { get; }

    /// <summary>Token ids of <paramref name="text"/>; with <paramref name="addSpecialTokens"/> the BOS the model adds to a prompt.</summary>
    int[] Encode(string text, bool addSpecialTokens);

    /// <summary>Token ids of <paramref name="messages"/> rendered through the model's chat template, exactly as a chat completion reads them.</summary>
    int[] EncodeChat(IReadOnlyList<ChatMessage> messages);

    string Decode(int[] ids);

    /// <summary>
    /// Throws a UserInputException when the messages provably cannot fit the window, without tokenising them (a cheap
    /// bound, checked before a request waits in the queue); does nothing when it cannot tell.
    /// </summary>
    void EnsureMayFit(IReadOnlyList<ChatMessage> messages, int? maxOutputTokens) { }
}

/// <summary>The served tokenizer of a local ONNX model: its tokenizer, its chat template, its window.</summary>
public sealed class OnnxServedTokenizer(OnnxModel model) : IServedTokenizer
{
    public int ContextLength => model.ContextLength;

    public int[] Encode(string text, bool addSpecialTokens) => addSpecialTokens ? model.EncodeText(text) : model.Tokenizer.Encode(text);

    public int[] EncodeChat(IReadOnlyList<ChatMessage> messages) => model.EncodePrompt(model.ChatTemplate.Render(messages));

    public string Decode(int[] ids) => model.Tokenizer.Decode(ids, skipSpecial: false);

    // Only user messages count: chat templates render every user turn's text (at most trimming whitespace, which the
    // bound ignores), while some drop parts of other turns (Qwen3 drops earlier assistant reasoning).
    public void EnsureMayFit(IReadOnlyList<ChatMessage> messages, int? maxOutputTokens) =>
        model.EnsurePromptMayFit(messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text).ToList(), maxOutputTokens ?? 1);
}

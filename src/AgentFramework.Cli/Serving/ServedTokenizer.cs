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
}

/// <summary>The served tokenizer of a local ONNX model: its tokenizer, its chat template, its window.</summary>
public sealed class OnnxServedTokenizer(OnnxModel model) : IServedTokenizer
{
    public int ContextLength => model.ContextLength;

    public int[] Encode(string text, bool addSpecialTokens) => addSpecialTokens ? model.EncodeText(text) : model.Tokenizer.Encode(text);

    public int[] EncodeChat(IReadOnlyList<ChatMessage> messages) => model.EncodePrompt(model.ChatTemplate.Render(messages));

    public string Decode(int[] ids) => model.Tokenizer.Decode(ids, skipSpecial: false);
}

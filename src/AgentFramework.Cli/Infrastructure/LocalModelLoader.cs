using AgentFramework.Errors;
using AgentFramework.Models;
using AgentFramework.Onnx;
using AgentFramework.Onnx.Embeddings;
using AgentFramework.Tokens;
using Microsoft.Extensions.AI;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>A local model folder loaded into memory: its chat client, profile and, when it has one, embeddings.</summary>
public sealed record LocalModel(
    IChatClient Chat,
    ModelProfile Profile,
    IEmbeddingGenerator<string, Embedding<float>>? Embeddings,
    IDisposable? Owner) : IDisposable
{
    public void Dispose()
    {
        Chat.Dispose();
        Embeddings?.Dispose();
        Owner?.Dispose();
    }
}

/// <summary>
/// The seam between the CLI and the local ONNX runtime (AgentFramework.Onnx): turns a model folder into a
/// <see cref="LocalModel"/>. Everything that serves or uses a local model goes through here.
/// </summary>
public static class LocalModelLoader
{
    /// <summary>A decoder model folder (genai_config.json) as a chat client that owns the loaded model.</summary>
    public static LocalModel Load(string folder, string option = "--model", OnnxModelOptions? options = null)
    {
        if (!Directory.Exists(folder))
            throw new ModelException(option, $"{option} '{folder}' is not a folder: give the folder of an ONNX Runtime GenAI export (with genai_config.json)");
        // AGENTFW_RUNTIME=genai runs every command's local model through ONNX Runtime GenAI, behind the same middleware.
        options ??= new OnnxModelOptions { Runtime = Environment.GetEnvironmentVariable("AGENTFW_RUNTIME") ?? OnnxModel.AgentFwRuntime };
        var model = OnnxModel.Load(folder, options);
        return new LocalModel(new OnnxChatClient(model, ownsModel: true), WithChatTemplateCounter(model), Embeddings: null, Owner: null);
    }

    /// <summary>
    /// The model's profile with a prompt counter that renders messages through the folder's own chat template and
    /// encodes them as the runtime will, so budgets count the template's scaffolding (role headers, BOS, generation prompt).
    /// </summary>
    public static ModelProfile WithChatTemplateCounter(OnnxModel model) => model.Profile with
    {
        PromptTokenCounter = new DelegatePromptTokenCounter($"{model.ChatTemplate.Name} chat template + {model.TokenCounter.Name}",
            messages => model.EncodePrompt(model.ChatTemplate.Render(messages)).Length),
    };

    /// <summary>A BERT-style encoder folder as an embedding generator.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> LoadEmbeddings(string folder, string option = "--embedding-model")
    {
        if (!Directory.Exists(folder))
            throw new ModelException(option, $"{option} '{folder}' is not a folder: give the folder of an ONNX encoder export (model.onnx with vocab.txt or tokenizer.json)");
        return OnnxEmbeddingGenerator.Load(folder);
    }
}

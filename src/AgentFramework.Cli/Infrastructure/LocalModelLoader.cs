using AgentFramework.Errors;
using AgentFramework.Models;
using AgentFramework.Onnx;
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
    public static LocalModel Load(string folder, string option = "--model")
    {
        if (!Directory.Exists(folder))
            throw new ModelException(option, $"{option} '{folder}' is not a folder: give the folder of an ONNX Runtime GenAI export (with genai_config.json)");
        var model = OnnxModel.Load(folder);
        return new LocalModel(new OnnxChatClient(model), model.Profile, null, model);
    }
}

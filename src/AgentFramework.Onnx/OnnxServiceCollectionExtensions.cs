using AgentFramework.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Onnx;

/// <summary>DI registration of a local model: one shared <see cref="OnnxModel"/>, its <see cref="IChatClient"/> and <see cref="ModelProfile"/>.</summary>
public static class OnnxServiceCollectionExtensions
{
    /// <summary>
    /// Registers the model in <paramref name="modelFolder"/> (an ONNX Runtime GenAI export) as the <see cref="IChatClient"/>
    /// behind the model middleware (<see cref="ModelPipeline.Wrap"/>: usage accounting, so every call reaches the
    /// pipeline's trace with its stage, tokens and latency; plus the call cache and retry named in
    /// <paramref name="middleware"/>; by default no cache and no retry, which a local model does not need).
    /// </summary>
    public static IServiceCollection AddOnnxChatClient(this IServiceCollection services, string modelFolder,
        OnnxModelOptions? modelOptions = null, OnnxChatClientOptions? clientOptions = null, ModelPipelineOptions? middleware = null)
    {
        services.AddSingleton(_ => OnnxModel.Load(modelFolder, modelOptions));
        services.AddSingleton(sp => sp.GetRequiredService<OnnxModel>().Profile);
        services.AddSingleton<IChatClient>(sp =>
        {
            var model = sp.GetRequiredService<OnnxModel>();
            var options = middleware ?? new ModelPipelineOptions { Retry = null };
            return ModelPipeline.Wrap(new OnnxChatClient(model, clientOptions), options with { TokenCounter = options.TokenCounter ?? model.Profile.TokenCounter });
        });
        return services;
    }
}

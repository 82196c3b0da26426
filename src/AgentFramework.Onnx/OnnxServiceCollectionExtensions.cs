using AgentFramework.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Onnx;

/// <summary>DI registration of a local model: one shared <see cref="OnnxModel"/>, its <see cref="IChatClient"/> and <see cref="ModelProfile"/>.</summary>
public static class OnnxServiceCollectionExtensions
{
    public static IServiceCollection AddOnnxChatClient(this IServiceCollection services, string modelFolder,
        OnnxModelOptions? modelOptions = null, OnnxChatClientOptions? clientOptions = null)
    {
        services.AddSingleton(_ => OnnxModel.Load(modelFolder, modelOptions));
        services.AddSingleton(sp => sp.GetRequiredService<OnnxModel>().Profile);
        services.AddSingleton<IChatClient>(sp => new OnnxChatClient(sp.GetRequiredService<OnnxModel>(), clientOptions));
        return services;
    }
}

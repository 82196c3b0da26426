using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace AgentFramework.Plugins.Kernels;

/// <summary>Builds a Semantic Kernel <see cref="Kernel"/> whose prompt functions run over any <see cref="IChatClient"/>
/// (a local ONNX model, an endpoint, a scripted client in tests), normally one already wrapped in the model middleware.</summary>
public static class KernelFactory
{
    /// <param name="chatClient">The client every prompt function calls.</param>
    /// <param name="services">Optional host services; its <see cref="ILoggerFactory"/> is passed on to the kernel.</param>
    public static Kernel Create(IChatClient chatClient, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        var builder = Kernel.CreateBuilder();
        if (services?.GetService<ILoggerFactory>() is { } loggers) builder.Services.AddSingleton(loggers);
        builder.Services.AddChatClient(new MetadataGuaranteeingChatClient(chatClient));
        return builder.Build();
    }
}

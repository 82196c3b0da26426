using AgentFramework.Agents;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>
/// The CLI's one composition root for pipelines: the resolved model (if any) and <c>AddAgentFramework</c> in one
/// container, from which <c>ask</c>, <c>summarize</c> and <c>write</c> resolve <see cref="IDocumentAgent"/>.
/// </summary>
public static class PipelineServices
{
    /// <param name="model">The command's model; null leaves only the extractive pipeline runnable.</param>
    /// <param name="promptsDirectory">--prompts: the one place prompt overrides are set.</param>
    public static ServiceProvider Build(ResolvedModel? model, string? promptsDirectory,
        Action<AgentFrameworkOptions>? configure = null, Action<AgentFrameworkBuilder>? pipelines = null)
    {
        var services = new ServiceCollection();
        if (model is not null)
        {
            // The model is owned (and disposed) by the command, so it is registered as an instance the container leaves alone.
            services.AddSingleton(model.Chat);
            services.AddSingleton(model.Profile);
        }
        var builder = services.AddAgentFramework(o =>
        {
            o.PromptsDirectory = promptsDirectory;
            configure?.Invoke(o);
        });
        pipelines?.Invoke(builder);
        return services.BuildServiceProvider();
    }
}

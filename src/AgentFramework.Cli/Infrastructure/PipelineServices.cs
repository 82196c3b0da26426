using AgentFramework.Agents;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Cli.Infrastructure;

/// <summary>
/// The CLI's one composition root for pipelines: the resolved model (if any), <c>AddAgentFramework</c> and the
/// registrations of a program that hosts the CLI (<see cref="AgentFwCli.RunAsync(string[], Action{AgentFrameworkBuilder})"/>)
/// in one container, from which <c>ask</c>, <c>summarize</c> and <c>write</c> resolve <see cref="IDocumentAgent"/>, and
/// whose <see cref="PipelineCatalog"/> is what <c>--pipeline</c> accepts and lists.
/// </summary>
public static class PipelineServices
{
    // Set for the run of a hosted CLI (flows into the command's actions), so tests and hosts never share it.
    private static readonly AsyncLocal<Action<AgentFrameworkBuilder>?> HostConfiguration = new();

    /// <param name="model">The command's model; null leaves only the pipelines that need none runnable.</param>
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
        // The host's registrations first, so the command's flags still set the options they name.
        HostConfiguration.Value?.Invoke(builder);
        pipelines?.Invoke(builder);
        return services.BuildServiceProvider();
    }

    /// <summary>The hosting program's registrations for this run (null for the plain binary), for containers built elsewhere (bench's host).</summary>
    internal static Action<AgentFrameworkBuilder>? HostPipelines => HostConfiguration.Value;

    /// <summary>Applies <paramref name="configure"/> to every container the CLI builds in the current flow (a hosted run).</summary>
    internal static void UseHostConfiguration(Action<AgentFrameworkBuilder>? configure) => HostConfiguration.Value = configure;

    /// <summary>A registered pipeline as <c>--pipeline</c> offers it.</summary>
    public sealed record PipelineChoice(string Name, bool NeedsModel, IReadOnlySet<PipelineGoal> Goals);

    /// <summary>
    /// The pipelines registered in the CLI's container (built-ins plus the host's), in registration order, with what
    /// each does and whether it needs a model. Read from a container whose model is a stand-in that is never called,
    /// so pipelines that take a chat client can be asked too; one that cannot be built at all is offered for reading.
    /// </summary>
    public static IReadOnlyList<PipelineChoice> Choices() => KnownChoices.GetValue(HostConfiguration.Value ?? (object)NoHost, _ => Probe(null));

    /// <summary>
    /// The registered pipeline called <paramref name="name"/> (any case), or null: only that one is built, as a run that
    /// names a pipeline needs nothing about the others (start-up, issue 15).
    /// </summary>
    public static PipelineChoice? Find(string name) => Probe(name.Trim()).FirstOrDefault();

    // One probe of every pipeline per registration set (the plain binary's, or each host's configure), however many commands ask.
    private static readonly object NoHost = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, IReadOnlyList<PipelineChoice>> KnownChoices = new();

    /// <param name="only">A name to build only that pipeline; null builds them all.</param>
    private static IReadOnlyList<PipelineChoice> Probe(string? only)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IChatClient>(new NeverCalledChatClient());
        var builder = services.AddAgentFramework();
        HostConfiguration.Value?.Invoke(builder);
        using var provider = services.BuildServiceProvider();
        var catalog = provider.GetRequiredService<PipelineCatalog>();
        var choices = new List<PipelineChoice>();
        IEnumerable<string> names = only is null ? catalog.Names : catalog.Find(only) is { } found ? [found] : [];
        foreach (var name in names)
        {
            try
            {
                var pipeline = catalog.Get(name);
                choices.Add(new PipelineChoice(name, pipeline.NeedsModel, Enum.GetValues<PipelineGoal>().Where(pipeline.Supports).ToHashSet()));
            }
            catch (Exception e) when (e is InvalidOperationException or Errors.UserInputException)
            {
                choices.Add(new PipelineChoice(name, true, new HashSet<PipelineGoal> { PipelineGoal.Answer, PipelineGoal.Summarize }));
            }
        }
        return choices;
    }

    /// <summary>The names of <see cref="Choices"/> that serve <paramref name="goal"/>.</summary>
    public static IReadOnlyList<string> NamesFor(PipelineGoal goal) => [.. Choices().Where(c => c.Goals.Contains(goal)).Select(c => c.Name)];

    /// <summary>Stands in for the model while pipelines are only asked what they do; a call is our bug.</summary>
    private sealed class NeverCalledChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the stand-in model of the pipeline list was called");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the stand-in model of the pipeline list was called");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}

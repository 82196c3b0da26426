using AgentFramework.Errors;
using AgentFramework.Models;
using AgentFramework.Plugins.Kernels;
using AgentFramework.Plugins.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace AgentFramework.Agents.Execution;

/// <summary>
/// The model as the pipelines see it: a Semantic Kernel over the registered <see cref="IChatClient"/> (for the prompt
/// plugins), the prompt library, and the <see cref="ModelProfile"/> whose window and token counter set every budget.
/// Without a chat client only the extractive pipeline can run.
/// </summary>
public sealed class PipelineModel
{
    private readonly IChatClient? _chatClient;
    private readonly Lazy<PromptCaller> _caller;

    public PipelineModel(PromptLibrary prompts, ModelProfile? profile = null, IChatClient? chatClient = null)
    {
        _chatClient = chatClient;
        Profile = profile ?? ModelProfile.Default;
        Prompts = prompts;
        _caller = new Lazy<PromptCaller>(() => new PromptCaller(CreateKernel(_chatClient!), prompts, Profile));
    }

    public ModelProfile Profile { get; }

    public PromptLibrary Prompts { get; }

    public bool HasChatModel => _chatClient is not null;

    /// <summary>The prompt caller, or a <see cref="ModelException"/> saying how to configure a model.</summary>
    public PromptCaller Caller(string pipeline) => _chatClient is null
        ? throw new ModelException("IChatClient", $"the {pipeline} pipeline needs a model: pass a model (IChatClient), or use PipelineNames extractive")
        : _caller.Value;

    /// <summary>
    /// A kernel whose prompt functions call <paramref name="chatClient"/>. The pipelines' native code (retrieval,
    /// grounding) is called as plain C#, so the kernel carries no plugins of ours.
    /// </summary>
    public static Kernel CreateKernel(IChatClient chatClient) => KernelFactory.Create(chatClient);
}

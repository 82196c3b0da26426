using AgentFramework.Errors;
using AgentFramework.Plugins.Prompts;
using AgentFramework.Tracing;
using Microsoft.SemanticKernel;

namespace AgentFramework.Agents.Execution;

/// <summary>
/// Invokes the pipelines' prompt functions on a kernel: template variables only (document text is never template
/// code), the function's own execution settings with <c>max_tokens</c> set per call, and the stage made ambient so
/// middleware can label the call in the trace.
/// </summary>
public sealed class PromptCaller(Kernel kernel, PromptLibrary prompts)
{
    public Kernel Kernel { get; } = kernel;

    public PromptLibrary Prompts { get; } = prompts;

    /// <summary>The rendered prompt's text for budgeting (messages joined), with <paramref name="variables"/> filled in.</summary>
    public async Task<string> RenderAsync(string pipeline, string function, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken)
    {
        var config = Prompts.GetConfig(pipeline, function);
        var template = new KernelPromptTemplateFactory().Create(config);
        return await template.RenderAsync(Kernel, ToArguments(variables, null), cancellationToken);
    }

    /// <summary>Calls the prompt function and returns the model's text.</summary>
    public async Task<string> InvokeAsync(string pipeline, string function, string stage, IReadOnlyDictionary<string, string> variables,
        int maxTokens, CancellationToken cancellationToken)
    {
        var config = Prompts.GetConfig(pipeline, function);
        var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object>() };
        if (config.DefaultExecutionSettings?.ExtensionData is { } defaults)
            foreach (var (key, value) in defaults) settings.ExtensionData[key] = value;
        settings.ExtensionData["max_tokens"] = maxTokens;
        settings.ExtensionData.TryAdd("temperature", 0);

        using var _ = PipelineContext.Stage(stage);
        try
        {
            var result = await Kernel.InvokeAsync(KernelFunctionFactory.CreateFromPrompt(config), ToArguments(variables, settings), cancellationToken);
            return result.GetValue<string>() ?? "";
        }
        catch (KernelException e) when (e.InnerException is UserInputException inner)
        {
            throw inner;
        }
    }

    private static KernelArguments ToArguments(IReadOnlyDictionary<string, string> variables, PromptExecutionSettings? settings)
    {
        var arguments = settings is null ? new KernelArguments() : new KernelArguments(settings);
        foreach (var (name, value) in variables) arguments[name] = value;
        return arguments;
    }
}

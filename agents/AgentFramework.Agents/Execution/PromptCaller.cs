using AgentFramework.Errors;
using AgentFramework.Models;
using AgentFramework.Plugins.Prompts;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace AgentFramework.Agents.Execution;

/// <summary>
/// Calls the pipelines' prompt functions: renders the function's declared messages with the values verbatim
/// (<see cref="ChatPromptTemplate"/>), measures the prompt as rendered with the reading model's prompt counter (its chat
/// template where it has one), refuses a prompt that would not leave the reserved output inside the window, and sends
/// the messages to the kernel's chat client with the function's settings and <c>max_tokens</c> set per call. The stage
/// is made ambient so middleware can label the call in the trace.
/// </summary>
public sealed class PromptCaller(Kernel kernel, PromptLibrary prompts, ModelProfile? profile = null)
{
    public Kernel Kernel { get; } = kernel;

    public PromptLibrary Prompts { get; } = prompts;

    /// <summary>The reading model's window and counters; null (tests of orchestration only) skips the budget check.</summary>
    public ModelProfile? Profile { get; } = profile;

    private ModelProfile BudgetProfile => Profile ?? ModelProfile.Default;

    /// <summary>The function's messages with <paramref name="variables"/> filled in, exactly as they will be sent.</summary>
    public Task<IReadOnlyList<ChatMessage>> RenderMessagesAsync(string pipeline, string function, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken) =>
        Prompts.Get(pipeline, function).Template.RenderAsync(Kernel, variables, cancellationToken);

    /// <summary>The prompt's size as the model reads it: every message and its chat-template scaffolding.</summary>
    public async Task<int> CountPromptTokensAsync(string pipeline, string function, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken) =>
        BudgetProfile.PromptCounter.CountPromptTokens(await RenderMessagesAsync(pipeline, function, variables, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The function's fixed cost: its messages with every variable empty, counted as <paramref name="profile"/>'s model
    /// reads them, plus <see cref="TokenBudget.BoundaryReserve"/> and 4 tokens per variable for where values meet the text.
    /// </summary>
    public async Task<int> InstructionTokensAsync(string pipeline, string function, ModelProfile profile, CancellationToken cancellationToken)
    {
        var template = Prompts.Get(pipeline, function).Template;
        var empty = template.Variables.ToDictionary(v => v, _ => "", StringComparer.Ordinal);
        var messages = await template.RenderAsync(Kernel, empty, cancellationToken).ConfigureAwait(false);
        return profile.PromptCounter.CountPromptTokens(messages) + TokenBudget.BoundaryReserve + 4 * empty.Count;
    }

    /// <summary>Calls the prompt function and returns the model's text.</summary>
    /// <exception cref="PromptBudgetException">The prompt and <paramref name="maxTokens"/> exceed the window: the pipeline's budget is wrong (our bug).</exception>
    public async Task<string> InvokeAsync(string pipeline, string function, string stage, IReadOnlyDictionary<string, string> variables,
        int maxTokens, CancellationToken cancellationToken)
    {
        var prompt = Prompts.Get(pipeline, function);
        var messages = await prompt.Template.RenderAsync(Kernel, variables, cancellationToken).ConfigureAwait(false);
        int promptTokens = -1;
        if (Profile is { } model)
        {
            promptTokens = model.PromptCounter.CountPromptTokens(messages);
            if (promptTokens + maxTokens > model.ContextLength)
                throw new PromptBudgetException(stage, promptTokens, maxTokens, model.ContextLength, model.PromptCounter.Name);
        }

        using var _ = PipelineContext.Stage(stage);
        var chat = Kernel.GetRequiredService<IChatClient>();
        try
        {
            var response = await chat.GetResponseAsync(messages, prompt.CreateOptions(maxTokens), cancellationToken).ConfigureAwait(false);
            return response.Text;
        }
        catch (ModelException e) when (Profile is not null && ContextOverflow.IsOverflow(e))
        {
            // We measured this prompt as fitting; a model that disagrees means our count is wrong, which is our bug.
            throw new PromptBudgetException(stage, promptTokens, maxTokens, Profile.ContextLength, Profile.PromptCounter.Name, e);
        }
    }
}

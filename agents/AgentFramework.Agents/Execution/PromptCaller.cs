using AgentFramework.Agents.Text;
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
    /// The function's fixed cost, by the one budget rule of every pipeline (<see cref="TokenBudget"/>): its messages
    /// rendered as they will be sent with the values already known (<paramref name="known"/>; every other variable empty),
    /// counted as <paramref name="profile"/>'s model reads them (chat-template scaffolding included), plus
    /// <see cref="TokenBudget.BoundaryReserve"/> for where the values still to come meet the text.
    /// </summary>
    public async Task<int> InstructionTokensAsync(string pipeline, string function, ModelProfile profile,
        IReadOnlyDictionary<string, string>? known, CancellationToken cancellationToken)
    {
        var template = Prompts.Get(pipeline, function).Template;
        var values = template.Variables.ToDictionary(v => v, v => known?.GetValueOrDefault(v) ?? "", StringComparer.Ordinal);
        var messages = await template.RenderAsync(Kernel, values, cancellationToken).ConfigureAwait(false);
        return profile.PromptCounter.CountPromptTokens(messages) + TokenBudget.BoundaryReserve;
    }

    /// <summary>The function's fixed cost with every variable empty (<see cref="InstructionTokensAsync(string, string, ModelProfile, IReadOnlyDictionary{string, string}?, CancellationToken)"/>).</summary>
    public Task<int> InstructionTokensAsync(string pipeline, string function, ModelProfile profile, CancellationToken cancellationToken) =>
        InstructionTokensAsync(pipeline, function, profile, null, cancellationToken);

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
            return (await chat.GetResponseAsync(messages, prompt.CreateOptions(maxTokens), cancellationToken).ConfigureAwait(false)).Text;
        }
        catch (ModelException e) when (Profile is not null && ContextOverflow.IsOverflow(e))
        {
            // We measured this prompt as fitting, so the model counts differently (an endpoint's tokenizer we could only
            // estimate). Shrink the longest value once, say so in the trace, and retry; a second refusal is our bug.
            var (shrunk, note) = Shrink(variables);
            PipelineContext.Trace?.Increment("overflow_retries");
            PipelineContext.Trace?.AddArtifact(new TraceArtifact(stage, "overflow retry",
                $"the model refused a prompt measured at {promptTokens} tokens + {maxTokens} output ({e.Message}); retried once with {note}"));
            var retry = await prompt.Template.RenderAsync(Kernel, shrunk, cancellationToken).ConfigureAwait(false);
            try
            {
                return (await chat.GetResponseAsync(retry, prompt.CreateOptions(maxTokens), cancellationToken).ConfigureAwait(false)).Text;
            }
            catch (ModelException again) when (ContextOverflow.IsOverflow(again))
            {
                throw new PromptBudgetException(stage, Profile.PromptCounter.CountPromptTokens(retry), maxTokens, Profile.ContextLength, Profile.PromptCounter.Name, again);
            }
        }
    }

    /// <summary>The variables with the longest value cut by a quarter of its tokens (from its end), and what was cut.</summary>
    private (Dictionary<string, string> Variables, string Note) Shrink(IReadOnlyDictionary<string, string> variables)
    {
        var shrunk = new Dictionary<string, string>(variables, StringComparer.Ordinal);
        var counter = BudgetProfile.TokenCounter;
        var (name, value) = variables.MaxBy(v => v.Value.Length);
        int before = counter.CountTokens(value), after = before - Math.Max(16, before / 4);
        shrunk[name] = TokenBudget.Truncate(value, Math.Max(0, after), counter);
        return (shrunk, $"{{{{${name}}}}} cut from {before} to {counter.CountTokens(shrunk[name])} tokens");
    }
}

namespace AgentFramework.Agents.Execution;

/// <summary>
/// A pipeline that accepted a run was about to send (or the model rejected) a prompt that, with its reserved output,
/// exceeds the window. Budgets are computed before the first call, so this is our bug, not the user's: the CLI exits 1
/// and the trace is written up to this call. Deliberately not a <see cref="Errors.UserInputException"/>.
/// </summary>
public sealed class PromptBudgetException(string stage, int promptTokens, int outputTokens, int contextLength, string counter, Exception? inner = null)
    : Exception(inner is null
        ? $"internal budget error at {stage}: the prompt measures {promptTokens} tokens ({counter}) and {outputTokens} output tokens are reserved, over the model's context of {contextLength}; please report this with the trace"
        : $"internal budget error at {stage}: the model rejected a prompt measured at {promptTokens} tokens ({counter}) + {outputTokens} output within its context of {contextLength}: {inner.Message}; please report this with the trace", inner)
{
    public string Stage { get; } = stage;

    public int PromptTokens { get; } = promptTokens;

    public int OutputTokens { get; } = outputTokens;

    public int ContextLength { get; } = contextLength;

    /// <summary>The run's trace up to this call (the ambient one when it was thrown), so the CLI can still write --trace.</summary>
    public Tracing.PipelineTrace? Trace { get; init; } = Tracing.PipelineContext.Trace;
}

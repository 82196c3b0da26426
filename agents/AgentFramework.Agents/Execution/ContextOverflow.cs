using AgentFramework.Errors;

namespace AgentFramework.Agents.Execution;

/// <summary>Recognises a model's "prompt does not fit my context" refusal among its errors.</summary>
public static class ContextOverflow
{
    // The local runtime names the prompt; servers say it in their 400's text (vLLM: "maximum context length",
    // llama.cpp: "exceeds the available context size", OpenAI: "context_length_exceeded").
    private static readonly string[] Phrases = ["context length", "context_length", "context size", "maximum context", "context window"];

    public static bool IsOverflow(UserInputException e) =>
        e.Target == "prompt" || Phrases.Any(p => e.Message.Contains(p, StringComparison.OrdinalIgnoreCase));
}

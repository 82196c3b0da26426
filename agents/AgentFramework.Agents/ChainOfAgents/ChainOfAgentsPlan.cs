using AgentFramework.Errors;

namespace AgentFramework.Agents.ChainOfAgents;

/// <summary>
/// How a worker's window is spent: <c>chunk = window − reserved output (the unit it writes) − instruction − unit budget
/// (the unit it reads)</c>, all counted by the model's tokenizer.
/// </summary>
public sealed record ChainOfAgentsPlan(int ContextLength, int InstructionTokens, int UnitTokens, int ChunkTokens)
{
    public static ChainOfAgentsPlan Compute(int contextLength, int instructionTokens, ChainOfAgentsOptions options)
    {
        int chunk = contextLength - options.UnitTokens - instructionTokens - options.UnitTokens;
        if (options.MaxChunkTokens is { } max) chunk = Math.Min(chunk, max);
        if (chunk < options.MinChunkTokens)
            throw new ModelException("ChainOfAgentsOptions.UnitTokens",
                $"the model's context of {contextLength} tokens is too small for chain-of-agents: {instructionTokens} instruction + 2 x {options.UnitTokens} unit tokens " +
                $"leave {Math.Max(0, chunk)} for text (at least {options.MinChunkTokens} needed); lower ChainOfAgentsOptions.UnitTokens or use a model with a longer context");
        return new ChainOfAgentsPlan(contextLength, instructionTokens, options.UnitTokens, chunk);
    }
}

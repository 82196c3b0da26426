namespace AgentFramework.Agents.ChainOfAgents;

/// <summary>Budgets of Chain-of-Agents (Zhang et al. 2024), all in the model's tokens.</summary>
public sealed class ChainOfAgentsOptions
{
    /// <summary>The communication unit's budget: a worker writes at most this many tokens (its max_tokens), and the next worker reads it.</summary>
    public int UnitTokens { get; set; } = 256;

    /// <summary>The manager's output budget (max_tokens of the final answer or summary).</summary>
    public int AnswerTokens { get; set; } = 512;

    /// <summary>Upper bound on a worker's chunk; null derives it from the window alone (window − output − instruction − unit).</summary>
    public int? MaxChunkTokens { get; set; }

    /// <summary>The smallest useful chunk; a window that leaves less is a user error (pick a bigger model or smaller budgets).</summary>
    public int MinChunkTokens { get; set; } = 64;
}

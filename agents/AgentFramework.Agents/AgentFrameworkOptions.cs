using AgentFramework.Agents.ChainOfAgents;
using AgentFramework.Agents.Extractive;
using AgentFramework.Agents.FullContext;
using AgentFramework.Agents.RetrieveThenReason;

namespace AgentFramework.Agents;

/// <summary>Options of <c>services.AddAgentFramework(...)</c>: prompt overrides and each pipeline's budgets.</summary>
public sealed class AgentFrameworkOptions
{
    /// <summary>A folder laid out as &lt;Pipeline&gt;/&lt;Function&gt;/skprompt.txt whose prompts replace the embedded ones.</summary>
    public string? PromptsDirectory { get; set; }

    public ChainOfAgentsOptions ChainOfAgents { get; set; } = new();

    public RetrieveThenReasonOptions RetrieveThenReason { get; set; } = new();

    public FullContextOptions FullContext { get; set; } = new();

    public ExtractiveOptions Extractive { get; set; } = new();
}

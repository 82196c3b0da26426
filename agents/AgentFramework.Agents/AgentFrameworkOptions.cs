using AgentFramework.Agents.ChainOfAgents;
using AgentFramework.Agents.Extractive;
using AgentFramework.Agents.FullContext;
using AgentFramework.Agents.RetrieveThenReason;

namespace AgentFramework.Agents;

/// <summary>
/// Options of <c>services.AddAgentFramework(...)</c>: prompt overrides, and shortcuts to the built-in reading pipelines'
/// budgets. Each pipeline reads its own options type (<c>IOptions&lt;ChainOfAgentsOptions&gt;</c>, …), whose defaults are
/// copied from these; <c>builder.Configure&lt;ChainOfAgentsOptions&gt;(...)</c> changes them after that.
/// </summary>
public sealed class AgentFrameworkOptions
{
    /// <summary>A folder laid out as &lt;Pipeline&gt;/&lt;Function&gt;/skprompt.txt whose prompts replace the embedded ones.</summary>
    public string? PromptsDirectory { get; set; }

    public ChainOfAgentsOptions ChainOfAgents { get; set; } = new();

    public RetrieveThenReasonOptions RetrieveThenReason { get; set; } = new();

    public FullContextOptions FullContext { get; set; } = new();

    public ExtractiveOptions Extractive { get; set; } = new();
}

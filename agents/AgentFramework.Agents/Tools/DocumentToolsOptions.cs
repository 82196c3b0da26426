namespace AgentFramework.Agents.Tools;

/// <summary>Options of <see cref="DocumentTools"/>: what a calling agent may read and write.</summary>
public sealed class DocumentToolsOptions
{
    /// <summary>
    /// Folders whose files the tools may read or write. A model chooses the tool arguments, so a path outside every root
    /// is refused. Empty: the current working folder only.
    /// </summary>
    public IList<string> AllowedRoots { get; } = new List<string>();
}

using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace AgentFramework.Plugins.Native;

/// <summary>Native plugin: checks that a passage occurs verbatim (case- and whitespace-insensitively) in a source text.</summary>
public sealed class GroundingPlugin
{
    public const string PluginName = "grounding";

    [KernelFunction("locate_passage")]
    [Description("Finds a passage in a source text ignoring case and whitespace; returns the exact source span, or null when absent.")]
    public GroundedSpan? LocatePassage(
        [Description("The source text the passage should come from")] string source,
        [Description("The passage to look for")] string passage) => PassageGrounder.Locate(source, passage);
}

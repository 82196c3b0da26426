using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace AgentFramework.Plugins.Native;

/// <summary>Native plugin: the chunk label used in prompts and citations.</summary>
public sealed class ChunkFormattingPlugin
{
    public const string PluginName = "chunks";

    [KernelFunction("label")]
    [Description("The citation label of the chunk at a 0-based position in reading order, e.g. C1.")]
    public string LabelOf([Description("0-based position of the chunk in reading order")] int ordinal) => ChunkFormatter.Label(ordinal);
}

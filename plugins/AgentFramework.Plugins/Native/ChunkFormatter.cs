using AgentFramework.Chunking;

namespace AgentFramework.Plugins.Native;

/// <summary>
/// Short labels by which prompts and model outputs refer to chunks ("C1", "C2", … in reading order), and the
/// header naming where a chunk comes from (file for code, section for prose).
/// </summary>
public static class ChunkFormatter
{
    public static string Label(int ordinal) => $"C{ordinal + 1}";

    /// <summary>Where the chunk comes from: "document name" or "document name, section or file".</summary>
    public static string Source(Chunk chunk, string documentName) =>
        string.IsNullOrEmpty(chunk.Section) ? documentName : $"{documentName}, {chunk.Section}";

    /// <summary>"[C3] (source)" followed by the chunk text: the form a chunk takes inside a template variable.</summary>
    public static string Format(string label, Chunk chunk, string documentName) =>
        $"[{label}] ({Source(chunk, documentName)})\n{chunk.Text}";
}

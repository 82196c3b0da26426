using AgentFramework.Chunking;
using AgentFramework.Documents;

namespace AgentFramework.Plugins.Native;

/// <summary>
/// Short labels by which prompts and model outputs refer to chunks ("C1", "C2", … in reading order), and the
/// header naming where a chunk comes from (file for code, section for prose).
/// </summary>
public static class ChunkFormatter
{
    public static string Label(int ordinal) => $"C{ordinal + 1}";

    /// <summary>
    /// Where the chunk comes from: the document name, then every file the chunk spans (folders) or its section (prose).
    /// </summary>
    public static string Source(Chunk chunk, Document document)
    {
        var files = document.Files.Where(f => f.Start < chunk.End && f.End > chunk.Start).Select(f => f.RelativePath).ToArray();
        if (files.Length > 0) return $"{document.Name}, {(files.Length == 1 ? "file" : "files")} {string.Join(", ", files)}";
        return string.IsNullOrEmpty(chunk.Section) ? document.Name : $"{document.Name}, {chunk.Section}";
    }

    /// <summary>"[C3] (source)" followed by the chunk text: the form a chunk takes inside a template variable.</summary>
    public static string Format(string label, Chunk chunk, Document document) =>
        $"[{label}] ({Source(chunk, document)})\n{chunk.Text}";
}

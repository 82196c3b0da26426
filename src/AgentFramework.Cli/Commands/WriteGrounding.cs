using AgentFramework.Cli.Infrastructure;
using AgentFramework.Errors;
using AgentFramework.Retrieval;

namespace AgentFramework.Cli.Commands;

/// <summary>
/// Builds the index <c>agentfw write --grounding PATH</c> retrieves evidence from: load, chunk and index the document.
/// The seam for the SQLite chunk index (branch retrieval): until it is on main, grounding reports that it is unavailable.
/// </summary>
internal static class WriteGrounding
{
    public static Task<IChunkIndex?> BuildIndexAsync(string path, ResolvedModel model, CancellationToken ct)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new DocumentLoadException(path, $"--grounding '{path}' does not exist: give a document or folder to ground the writing in");
        throw new InvalidOptionException("--grounding", "--grounding needs the SQLite chunk index, which this build does not have yet; write without --grounding");
    }
}

namespace AgentFramework.Agents;

/// <summary>The reading pipelines (see DESIGN.md): how a document longer than the window is read.</summary>
public enum PipelineKind
{
    /// <summary>Workers read every chunk in order passing a bounded unit along; a manager answers from the last unit.</summary>
    ChainOfAgents,
    /// <summary>Top-k chunks by hybrid search, verbatim passages extracted and grounded, then one reasoning call.</summary>
    RetrieveThenReason,
    /// <summary>The whole document in one prompt, middle-truncated to fit (LongBench's baseline).</summary>
    FullContext,
    /// <summary>No model: TextRank sentences for summaries, BM25 sentences for questions.</summary>
    Extractive,
    /// <summary>One reader with a memory controller reads every chunk once; answers and summaries come from the stored memory.</summary>
    MemoryStream,
}

/// <summary>Command-line names of the pipelines ("chain-of-agents", …).</summary>
public static class PipelineKinds
{
    public static string Name(PipelineKind kind) => kind switch
    {
        PipelineKind.ChainOfAgents => "chain-of-agents",
        PipelineKind.RetrieveThenReason => "retrieve-then-reason",
        PipelineKind.FullContext => "full-context",
        PipelineKind.Extractive => "extractive",
        PipelineKind.MemoryStream => "memory-stream",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<PipelineKind>().Select(Name).ToArray();

    public static bool TryParse(string? name, out PipelineKind kind)
    {
        foreach (var k in Enum.GetValues<PipelineKind>())
            if (string.Equals(Name(k), name?.Trim(), StringComparison.OrdinalIgnoreCase)) { kind = k; return true; }
        kind = default;
        return false;
    }
}

namespace AgentFramework.Agents;

/// <summary>
/// The names the built-in pipelines are registered under (keyed services, <c>--pipeline</c> values, trace stages). A
/// pipeline a user adds picks its own name in <see cref="AgentFrameworkBuilder.AddPipeline{TPipeline}(string)"/>.
/// </summary>
public static class PipelineNames
{
    /// <summary>Workers read every chunk in order passing a bounded unit along; a manager answers from the last unit.</summary>
    public const string ChainOfAgents = "chain-of-agents";

    /// <summary>Top-k chunks by hybrid search, verbatim passages extracted and grounded, then one reasoning call.</summary>
    public const string RetrieveThenReason = "retrieve-then-reason";

    /// <summary>The whole document in one prompt, middle-truncated to fit (LongBench's baseline).</summary>
    public const string FullContext = "full-context";

    /// <summary>No model: TextRank sentences for summaries, BM25 sentences for questions.</summary>
    public const string Extractive = "extractive";

    /// <summary>One reader with a memory controller reads every chunk once; answers and summaries come from the stored memory.</summary>
    public const string MemoryStream = "memory-stream";

    /// <summary>Plans sections with word targets and writes them one by one to a measured length.</summary>
    public const string PlanThenWrite = "plan-then-write";

    /// <summary>The built-in reading pipelines (answer and summarise), in the order help texts list them.</summary>
    public static IReadOnlyList<string> Reading { get; } = [ChainOfAgents, RetrieveThenReason, FullContext, Extractive, MemoryStream];
}

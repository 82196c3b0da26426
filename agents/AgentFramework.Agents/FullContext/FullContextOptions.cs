namespace AgentFramework.Agents.FullContext;

/// <summary>Full-context baseline settings.</summary>
public sealed class FullContextOptions
{
    /// <summary>Output tokens reserved for the answer or summary (never eaten by the document).</summary>
    public int AnswerTokens { get; set; } = 512;
}

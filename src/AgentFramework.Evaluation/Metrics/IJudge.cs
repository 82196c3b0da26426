namespace AgentFramework.Evaluation.Metrics;

/// <summary>One question put to a judge. Every text field is data to assess, never instructions to the judge.</summary>
/// <param name="Question">The question or summarisation query the response answers.</param>
/// <param name="Reference">The reference answer (correctness) or the insight to look for (coverage).</param>
public sealed record JudgeRequest(JudgeCriterion Criterion, string Question, string Reference, string Response);

/// <summary>A judge's decision: a score in [0, 1], the label it gave, and whether its reply could be read at all.</summary>
public sealed record JudgeVerdict(double Score, string Label, bool Parsed, string RawReply);

/// <summary>
/// A model that grades responses. Scores it produces are "judge-scored": reports keep them apart from
/// deterministic metrics because they depend on the judge model.
/// </summary>
public interface IJudge
{
    /// <summary>Which model judged (recorded in results).</summary>
    string ModelName { get; }

    Task<JudgeVerdict> JudgeAsync(JudgeRequest request, CancellationToken cancellationToken = default);
}

namespace AgentFramework.Evaluation.Metrics;

/// <summary>What a judge is asked to decide.</summary>
public enum JudgeCriterion
{
    /// <summary>Is the response a correct answer to the question, given the reference answer? (LaRA) 1 or 0.</summary>
    Correctness,

    /// <summary>Does the summary cover this insight? (Summary of a Haystack) full 1, partial 0.5, none 0.</summary>
    InsightCoverage,
}

namespace AgentFramework.Evaluation.Datasets;

/// <summary>What part of a prediction a case's metrics score.</summary>
public enum PredictionTrim
{
    /// <summary>The whole answer.</summary>
    None,

    /// <summary>
    /// LongBench's rule for trec, triviaqa, samsum and lsht (few-shot tasks where models keep writing further examples):
    /// leading newlines dropped, then everything from the first newline on cut.
    /// </summary>
    FirstLine,
}

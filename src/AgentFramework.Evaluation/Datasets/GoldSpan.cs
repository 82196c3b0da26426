namespace AgentFramework.Evaluation.Datasets;

/// <summary>A character span [Start, End) of a context document that supports the gold answer.</summary>
public sealed record GoldSpan(string Document, int Start, int End);

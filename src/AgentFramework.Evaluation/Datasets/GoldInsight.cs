namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// A fact a good summary must cover (Summary of a Haystack), with the documents that contain it, so citations can
/// be checked per insight.
/// </summary>
public sealed record GoldInsight(string Id, string Text, IReadOnlyList<string> DocumentIds);

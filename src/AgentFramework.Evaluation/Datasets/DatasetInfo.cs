namespace AgentFramework.Evaluation.Datasets;

/// <summary>A dataset found by <c>bench list</c>: its name for --dataset, format, number of cases and where it lives.</summary>
public sealed record DatasetInfo(string Name, string Format, int Cases, string Source);

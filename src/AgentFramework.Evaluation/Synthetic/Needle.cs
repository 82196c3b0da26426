namespace AgentFramework.Evaluation.Synthetic;

/// <summary>A sentence to hide in the haystack and where: <see cref="Depth"/> is the fraction of context tokens before it.</summary>
public sealed record Needle(string Text, double Depth);

/// <summary>Where a needle ended up: its character offset in the context and its measured depth (tokens before / total).</summary>
public sealed record PlacedNeedle(string Text, double RequestedDepth, int Offset, double MeasuredDepth);

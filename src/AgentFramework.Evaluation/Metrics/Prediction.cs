using AgentFramework.Citations;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>What a pipeline answered for one case: the text and the citations it gave.</summary>
public sealed record Prediction(string Text, IReadOnlyList<Citation> Citations)
{
    public static Prediction FromText(string text) => new(text, []);
}

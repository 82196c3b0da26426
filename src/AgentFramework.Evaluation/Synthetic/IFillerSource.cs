namespace AgentFramework.Evaluation.Synthetic;

/// <summary>Haystack text that needles are hidden in. Deterministic: the same seed gives the same text.</summary>
public interface IFillerSource
{
    /// <summary>Reported in case metadata ("paul-graham-essays" or "generated").</summary>
    string Name { get; }

    /// <summary>At least <paramref name="minChars"/> characters of filler, starting at a place chosen by <paramref name="seed"/>.</summary>
    string Text(int minChars, int seed);
}

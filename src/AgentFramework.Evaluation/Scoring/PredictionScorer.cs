using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Evaluation.Scoring;

/// <summary>What <c>agentfw score</c> hands a scorer: the predictions' folder or file and the switches it was given.</summary>
/// <param name="Path">Prediction folder or file as the benchmark's own scripts write it.</param>
public sealed record PredictionScoring(string Path)
{
    /// <summary>LongBench-E: scores split by length (only scorers with <see cref="PredictionScorer.SplitsByLength"/> read it).</summary>
    public bool LengthSplit { get; init; }

    /// <summary>The fuzzy ratio LongBench's code_sim_score uses.</summary>
    public FuzzRatioBackend CodeBackend { get; init; } = FuzzRatioBackend.Levenshtein;

    /// <summary>Metrics named by the caller (generic JSON Lines); null for the scorer's default set.</summary>
    public IReadOnlyList<string>? Metrics { get; init; }

    /// <summary>The metric registry to take named metrics from (<see cref="MetricDefinitions.Default"/> unless given).</summary>
    public MetricDefinitions? MetricDefinitions { get; init; }
}

/// <summary>
/// A benchmark's scorer of predictions made elsewhere (<c>agentfw score NAME PATH</c>): its name (and aliases), one line
/// for the help text, and the function that reads the prediction files and returns the <see cref="ScoreSheet"/>. A new
/// benchmark's scorer is one <see cref="PredictionScorers.Register"/> (or
/// <see cref="EvaluationServiceCollectionExtensions.AddPredictionScorer"/>).
/// </summary>
public sealed record PredictionScorer(string Name, string Description, Func<PredictionScoring, CancellationToken, Task<ScoreSheet>> Score)
{
    /// <summary>Other names it answers to ("longwriter" for longbench-write).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Whether it splits scores by length (<see cref="PredictionScoring.LengthSplit"/>, LongBench-E).</summary>
    public bool SplitsByLength { get; init; }

    /// <summary>A scorer that reads its files synchronously.</summary>
    public static PredictionScorer Sync(string name, string description, Func<PredictionScoring, ScoreSheet> score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return new(name, description, (request, _) => Task.FromResult(score(request)));
    }

    /// <summary>Whether <paramref name="name"/> is its name or an alias (any case).</summary>
    public bool AnswersTo(string name) =>
        string.Equals(Name, name.Trim(), StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(a => string.Equals(a, name.Trim(), StringComparison.OrdinalIgnoreCase));
}

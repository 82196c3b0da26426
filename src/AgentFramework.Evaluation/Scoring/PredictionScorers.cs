using AgentFramework.Evaluation.Metrics;
using AgentFramework.Registration;

namespace AgentFramework.Evaluation.Scoring;

/// <summary>
/// The registered prediction scorers (<see cref="PredictionScorer"/>), asked newest first, so a registration can take
/// over a built-in's name. Built in: LongBench (and -E), L-Eval, RULER, LongBench-Write, LongBench v2, SummHay and generic
/// JSON Lines. A DI container has its own (<see cref="EvaluationServiceCollectionExtensions.AddPredictionScorer"/>);
/// the CLI uses <see cref="Default"/>.
/// </summary>
public sealed class PredictionScorers
{
    private readonly RegistrationList<PredictionScorer> _scorers;

    public PredictionScorers(IEnumerable<PredictionScorer> scorers) => _scorers = new(scorers);

    /// <summary>The registry of callers without a DI container: the built-ins plus whatever is registered on it.</summary>
    public static PredictionScorers Default { get; } = new(BuiltIn());

    /// <summary>The built-in scorers, in the order the help text lists them.</summary>
    public static IReadOnlyList<PredictionScorer> BuiltIn() =>
    [
        PredictionScorer.Sync("longbench", "LongBench eval.py (pred/<model>/<task>.jsonl)",
            r => LongBenchPredictions.Score(r.Path, r.LengthSplit, r.CodeBackend)) with { SplitsByLength = true },
        PredictionScorer.Sync("leval", "L-Eval auto_eval.py", r => LEvalPredictions.Score(r.Path)),
        PredictionScorer.Sync("ruler", "RULER evaluate.py", r => OtherPredictions.Ruler(r.Path)),
        PredictionScorer.Sync("longbench-write", "LongWriter eval_length.py (and eval_quality.py's judge.jsonl)", r => OtherPredictions.LongWriter(r.Path))
            with { Aliases = ["longwriter"] },
        PredictionScorer.Sync("longbench-v2", "LongBench v2 result.py", r => OtherPredictions.LongBenchV2(r.Path)),
        PredictionScorer.Sync("summhay", "Summary of a Haystack", r => SummHayPredictions.Score(r.Path)),
        new("jsonl", "{id, prediction, references} lines, scored with the named metrics (PredictionScoring.Metrics)",
            (r, ct) => OtherPredictions.GenericAsync(r.Path, r.Metrics ?? DefaultJsonlMetrics, r.MetricDefinitions, ct)),
    ];

    /// <summary>The metrics generic JSON Lines are scored with when none are named.</summary>
    public static IReadOnlyList<string> DefaultJsonlMetrics { get; } = [ExactMatch.MetricName, TokenF1.MetricName, RougeL.MetricName];

    /// <summary>The scorers in registration order.</summary>
    public IReadOnlyList<PredictionScorer> Scorers => _scorers.Items;

    /// <summary>Their names in registration order (for help texts and the unknown-benchmark message).</summary>
    public IReadOnlyList<string> Names => [.. _scorers.Items.Select(s => s.Name).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Adds a scorer; it is asked before every scorer registered earlier.</summary>
    public PredictionScorers Register(PredictionScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentException.ThrowIfNullOrWhiteSpace(scorer.Name);
        _scorers.Add(scorer);
        return this;
    }

    /// <summary>The latest registered scorer answering to <paramref name="name"/>, or null.</summary>
    public PredictionScorer? Find(string name) => _scorers.Newest(s => s.AnswersTo(name));
}

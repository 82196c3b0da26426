using AgentFramework.Errors;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// Metric names → metrics. Deterministic metrics are always available; judge-scored ones need an <see cref="IJudge"/>
/// (from --judge-model / --judge-endpoint), and asking for one without it is a user error that names the flag.
/// </summary>
public sealed class MetricRegistry(IJudge? judge = null)
{
    public static IReadOnlyList<string> DeterministicNames { get; } =
    [
        ExactMatch.MetricName, TokenF1.MetricName, TokenF1.ChineseMetricName, RougeL.MetricName, MultipleChoiceAccuracy.MetricName,
        StringMatchAll.MetricName, StringMatchPart.MetricName, LengthScore.MetricName, CitationScore.MetricName,
        RougeLChinese.MetricName, ClassificationScore.MetricName, CountScore.MetricName, RetrievalScore.MetricName,
        RetrievalScore.ChineseMetricName, CodeSimScore.MetricName, MathExactMatch.MetricName,
    ];

    public static IReadOnlyList<string> JudgeNames { get; } = [JudgeCorrectness.MetricName, JudgeCoverage.MetricName];

    public static bool IsJudgeScored(string name) => JudgeNames.Contains(name);

    /// <summary>Whether judge-scored metrics can be computed; without a judge the runner leaves them out.</summary>
    public bool HasJudge => judge is not null;

    public IMetric Get(string name) => name switch
    {
        ExactMatch.MetricName => new ExactMatch(),
        TokenF1.MetricName => new TokenF1(),
        TokenF1.ChineseMetricName => new TokenF1(chinese: true),
        RougeL.MetricName => new RougeL(),
        MultipleChoiceAccuracy.MetricName => new MultipleChoiceAccuracy(),
        StringMatchAll.MetricName => new StringMatchAll(),
        StringMatchPart.MetricName => new StringMatchPart(),
        LengthScore.MetricName => new LengthScore(),
        CitationScore.MetricName => new CitationScore(),
        RougeLChinese.MetricName => new RougeLChinese(),
        ClassificationScore.MetricName => new ClassificationScore(),
        CountScore.MetricName => new CountScore(),
        RetrievalScore.MetricName => new RetrievalScore(),
        RetrievalScore.ChineseMetricName => new RetrievalScore(chinese: true),
        CodeSimScore.MetricName => new CodeSimScore(),
        MathExactMatch.MetricName => new MathExactMatch(),
        JudgeCorrectness.MetricName => new JudgeCorrectness(RequireJudge(name)),
        JudgeCoverage.MetricName => new JudgeCoverage(RequireJudge(name)),
        _ => throw new InvalidOptionException("--metrics",
            $"Unknown metric '{name}'. Known: {string.Join(", ", DeterministicNames.Concat(JudgeNames))}."),
    };

    private IJudge RequireJudge(string metric) => judge ?? throw new InvalidOptionException("--judge-model",
        $"Metric '{metric}' is judge-scored: pass --judge-model DIR or --judge-endpoint URL, or leave judge metrics out.");
}

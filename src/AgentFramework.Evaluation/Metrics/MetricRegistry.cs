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
        CodeSimScore.DifflibMetricName, LEvalExamScore.MetricName, LEvalRouge.MetricName,
    ];

    /// <summary>
    /// What each metric is, named as the benchmark's own code names it (repository @ commit, file: function), for
    /// report headers and method sections.
    /// </summary>
    public static IReadOnlyDictionary<string, string> OfficialNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ExactMatch.MetricName] = "exact match after LongBench normalize_answer (THUDM/LongBench@2e00731 metrics.py)",
        [TokenF1.MetricName] = "LongBench qa_f1_score (THUDM/LongBench@2e00731 metrics.py)",
        [TokenF1.ChineseMetricName] = "LongBench qa_f1_zh_score, jieba words (THUDM/LongBench@2e00731 metrics.py)",
        [RougeL.MetricName] = "LongBench rouge_score: rouge package ROUGE-L F (THUDM/LongBench@2e00731 metrics.py)",
        [RougeLChinese.MetricName] = "LongBench rouge_zh_score, jieba words (THUDM/LongBench@2e00731 metrics.py)",
        [ClassificationScore.MetricName] = "LongBench classification_score (THUDM/LongBench@2e00731 metrics.py)",
        [CountScore.MetricName] = "LongBench count_score (THUDM/LongBench@2e00731 metrics.py)",
        [RetrievalScore.MetricName] = "LongBench retrieval_score (THUDM/LongBench@2e00731 metrics.py)",
        [RetrievalScore.ChineseMetricName] = "LongBench retrieval_zh_score (THUDM/LongBench@2e00731 metrics.py)",
        [CodeSimScore.MetricName] = "LongBench code_sim_score, fuzzywuzzy with python-Levenshtein (THUDM/LongBench@2e00731 metrics.py)",
        [CodeSimScore.DifflibMetricName] = "LongBench code_sim_score, fuzzywuzzy difflib fallback (THUDM/LongBench@2e00731 metrics.py)",
        [StringMatchAll.MetricName] = "RULER string_match_all (NVIDIA/RULER@c3f5e3b constants.py)",
        [StringMatchPart.MetricName] = "RULER string_match_part (NVIDIA/RULER@c3f5e3b constants.py)",
        [LengthScore.MetricName] = "LongWriter S_l (THUDM/LongWriter@3fcfdff eval_length.py)",
        [MathExactMatch.MetricName] = "L-Eval exact_match after process_math (OpenLMLab/LEval@cd34b05 auto_eval.py, em.py)",
        [LEvalExamScore.MetricName] = "L-Eval exact_match (OpenLMLab/LEval@cd34b05 auto_eval.py, em.py)",
        [LEvalRouge.MetricName] = "L-Eval rouge_score ROUGE-L F; R-1/R-2 components (OpenLMLab/LEval@cd34b05 rouge.py)",
        [MultipleChoiceAccuracy.MetricName] = "multiple-choice accuracy (agentfw's letter extraction; not an official scorer)",
        [CitationScore.MetricName] = "citation precision/recall/F1 over cited documents or spans (SummHay's formula by document)",
        [JudgeCorrectness.MetricName] = "judge-scored correctness (LaRA-style)",
        [JudgeCoverage.MetricName] = "judge-scored insight coverage (SummHay coverage)",
    };

    /// <summary>The official name of <paramref name="metric"/>, or the name itself when it has none.</summary>
    public static string OfficialName(string metric) => OfficialNames.GetValueOrDefault(metric, metric);

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
        CodeSimScore.DifflibMetricName => new CodeSimScore(FuzzRatioBackend.Difflib),
        LEvalExamScore.MetricName => new LEvalExamScore(),
        LEvalRouge.MetricName => new LEvalRouge(),
        JudgeCorrectness.MetricName => new JudgeCorrectness(RequireJudge(name)),
        JudgeCoverage.MetricName => new JudgeCoverage(RequireJudge(name)),
        _ => throw new InvalidOptionException("MetricRegistry.Get(name)",
            $"Unknown metric '{name}'. Known: {string.Join(", ", DeterministicNames.Concat(JudgeNames))}."),
    };

    private IJudge RequireJudge(string metric) => judge ?? throw new InvalidOptionException("MetricRegistry.Judge",
        $"Metric '{metric}' is judge-scored: pass a judge (MetricRegistry.Judge), or leave judge metrics out.");
}

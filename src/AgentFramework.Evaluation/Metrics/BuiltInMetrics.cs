namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// The metrics agentfw ships, one line each: name, what it is as the benchmark's own code names it (repository @ commit,
/// file: function), and how to make it. A new metric is a class plus one line here, or one
/// <see cref="MetricDefinitions.Register"/> from outside.
/// </summary>
public static class BuiltInMetrics
{
    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        MetricDefinition.Deterministic(ExactMatch.MetricName, "exact match after LongBench normalize_answer (THUDM/LongBench@2e00731 metrics.py)", () => new ExactMatch()),
        MetricDefinition.Deterministic(TokenF1.MetricName, "LongBench qa_f1_score (THUDM/LongBench@2e00731 metrics.py)", () => new TokenF1()),
        MetricDefinition.Deterministic(TokenF1.ChineseMetricName, "LongBench qa_f1_zh_score, jieba words (THUDM/LongBench@2e00731 metrics.py)", () => new TokenF1(chinese: true)),
        MetricDefinition.Deterministic(RougeL.MetricName, "LongBench rouge_score: rouge package ROUGE-L F (THUDM/LongBench@2e00731 metrics.py)", () => new RougeL()),
        MetricDefinition.Deterministic(MultipleChoiceAccuracy.MetricName, "multiple-choice accuracy (agentfw's letter extraction; not an official scorer)", () => new MultipleChoiceAccuracy()),
        MetricDefinition.Deterministic(StringMatchAll.MetricName, "RULER string_match_all (NVIDIA/RULER@c3f5e3b constants.py)", () => new StringMatchAll()),
        MetricDefinition.Deterministic(StringMatchPart.MetricName, "RULER string_match_part (NVIDIA/RULER@c3f5e3b constants.py)", () => new StringMatchPart()),
        MetricDefinition.Deterministic(LengthScore.MetricName, "LongWriter S_l (THUDM/LongWriter@3fcfdff eval_length.py)", () => new LengthScore()),
        MetricDefinition.Deterministic(CitationScore.MetricName, "citation precision/recall/F1 over cited documents or spans (SummHay's formula by document)", () => new CitationScore()),
        MetricDefinition.Deterministic(RougeLChinese.MetricName, "LongBench rouge_zh_score, jieba words (THUDM/LongBench@2e00731 metrics.py)", () => new RougeLChinese()),
        MetricDefinition.Deterministic(ClassificationScore.MetricName, "LongBench classification_score (THUDM/LongBench@2e00731 metrics.py)", () => new ClassificationScore()),
        MetricDefinition.Deterministic(CountScore.MetricName, "LongBench count_score (THUDM/LongBench@2e00731 metrics.py)", () => new CountScore()),
        MetricDefinition.Deterministic(RetrievalScore.MetricName, "LongBench retrieval_score (THUDM/LongBench@2e00731 metrics.py)", () => new RetrievalScore()),
        MetricDefinition.Deterministic(RetrievalScore.ChineseMetricName, "LongBench retrieval_zh_score (THUDM/LongBench@2e00731 metrics.py)", () => new RetrievalScore(chinese: true)),
        MetricDefinition.Deterministic(CodeSimScore.MetricName, "LongBench code_sim_score, fuzzywuzzy with python-Levenshtein (THUDM/LongBench@2e00731 metrics.py)", () => new CodeSimScore()),
        MetricDefinition.Deterministic(MathExactMatch.MetricName, "L-Eval exact_match after process_math (OpenLMLab/LEval@cd34b05 auto_eval.py, em.py)", () => new MathExactMatch()),
        MetricDefinition.Deterministic(CodeSimScore.DifflibMetricName, "LongBench code_sim_score, fuzzywuzzy difflib fallback (THUDM/LongBench@2e00731 metrics.py)", () => new CodeSimScore(FuzzRatioBackend.Difflib)),
        MetricDefinition.Deterministic(LEvalExamScore.MetricName, "L-Eval exact_match (OpenLMLab/LEval@cd34b05 auto_eval.py, em.py)", () => new LEvalExamScore()),
        MetricDefinition.Deterministic(LEvalRouge.MetricName, "L-Eval rouge_score ROUGE-L F; R-1/R-2 components (OpenLMLab/LEval@cd34b05 rouge.py)", () => new LEvalRouge()),
        MetricDefinition.Judged(JudgeCorrectness.MetricName, "judge-scored correctness (LaRA-style)", judge => new JudgeCorrectness(judge)),
        MetricDefinition.Judged(JudgeCoverage.MetricName, "judge-scored insight coverage (SummHay coverage)", judge => new JudgeCoverage(judge)),
        MetricDefinition.Deterministic(LongBenchV2Accuracy.MetricName, "LongBench v2 extract_answer accuracy (THUDM/LongBench@c5ea10b pred.py)", () => new LongBenchV2Accuracy()),
        MetricDefinition.Judged(LongWriterQuality.MetricName, "LongWriter S_q, judge-scored on six dimensions (THUDM/LongWriter@ca6ccd4 eval_quality.py, judge.txt)",
            judge => new LongWriterQuality(new Judging.LongWriterQualityJudge(ChatModelOf(judge, LongWriterQuality.MetricName), judge.ModelName))),
        MetricDefinition.Judged(SummHayInsights.MetricName, "SummHay coverage, citation and joint, judge-scored (salesforce/summary-of-a-haystack@3e2007f populate_eval.py, utils_eval.py)",
            judge => new SummHayInsights(new Judging.SummHayInsightJudge(ChatModelOf(judge, SummHayInsights.MetricName), judge.ModelName))),
    ];

    // The benchmarks' own judge prompts ask for JSON, so these metrics talk to the judge's chat model directly.
    private static Microsoft.Extensions.AI.IChatClient ChatModelOf(IJudge judge, string metric) => (judge as ChatJudge)?.Client
        ?? throw new InvalidOperationException($"Metric '{metric}' needs a chat-model judge: give a judge (MetricRegistry.Judge) over an IChatClient.");
}

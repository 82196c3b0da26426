using F = AgentFramework.Evaluation.Reports.BenchmarkFamilies;

namespace AgentFramework.Evaluation.Metrics;

/// <summary>
/// The metrics agentfw ships, one line each: name, what it is as the benchmark's own code names it (repository @ commit,
/// file: function), how each benchmark's report labels it, and how to make it. A new metric is a class plus one line
/// here, or one <see cref="MetricDefinitions.Register"/> from outside.
/// </summary>
public static class BuiltInMetrics
{
    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        MetricDefinition.Deterministic(ExactMatch.MetricName, "exact match after LongBench normalize_answer (THUDM/LongBench@2e00731 metrics.py)", () => new ExactMatch()),
        MetricDefinition.Deterministic(TokenF1.MetricName, "LongBench qa_f1_score (THUDM/LongBench@2e00731 metrics.py)", () => new TokenF1())
            .LabelledIn([.. LongBench("qa_f1_score"), (F.LEval, "F1")]),
        MetricDefinition.Deterministic(TokenF1.ChineseMetricName, "LongBench qa_f1_zh_score, jieba words (THUDM/LongBench@2e00731 metrics.py)", () => new TokenF1(chinese: true))
            .LabelledIn(LongBench("qa_f1_zh_score")),
        MetricDefinition.Deterministic(RougeL.MetricName, "LongBench rouge_score: rouge package ROUGE-L F (THUDM/LongBench@2e00731 metrics.py)", () => new RougeL())
            .LabelledIn([.. LongBench("rouge_score"), (F.LEval, "ROUGE-L")]),
        MetricDefinition.Deterministic(MultipleChoiceAccuracy.MetricName, "multiple-choice accuracy (agentfw's letter extraction; not an official scorer)", () => new MultipleChoiceAccuracy())
            .LabelledIn((F.LEval, "exam accuracy"), (F.LongBenchV2, "accuracy")),
        MetricDefinition.Deterministic(StringMatchAll.MetricName, "RULER string_match_all (NVIDIA/RULER@c3f5e3b constants.py)", () => new StringMatchAll())
            .LabelledIn((F.Ruler, "string_match_all")),
        MetricDefinition.Deterministic(StringMatchPart.MetricName, "RULER string_match_part (NVIDIA/RULER@c3f5e3b constants.py)", () => new StringMatchPart())
            .LabelledIn((F.Ruler, "string_match_part"), (F.LEval, "exam accuracy (answer match)")),
        MetricDefinition.Deterministic(LengthScore.MetricName, "LongWriter S_l (THUDM/LongWriter@3fcfdff eval_length.py)", () => new LengthScore())
            .LabelledIn((F.LongBenchWrite, "S_l (length score)")),
        MetricDefinition.Deterministic(CitationScore.MetricName, "citation precision/recall/F1 over cited documents or spans (SummHay's formula by document)", () => new CitationScore())
            .LabelledIn((F.SummHay, "citation")),
        MetricDefinition.Deterministic(RougeLChinese.MetricName, "LongBench rouge_zh_score, jieba words (THUDM/LongBench@2e00731 metrics.py)", () => new RougeLChinese())
            .LabelledIn(LongBench("rouge_zh_score")),
        MetricDefinition.Deterministic(ClassificationScore.MetricName, "LongBench classification_score (THUDM/LongBench@2e00731 metrics.py)", () => new ClassificationScore())
            .LabelledIn(LongBench("classification_score")),
        MetricDefinition.Deterministic(CountScore.MetricName, "LongBench count_score (THUDM/LongBench@2e00731 metrics.py)", () => new CountScore())
            .LabelledIn(LongBench("count_score")),
        MetricDefinition.Deterministic(RetrievalScore.MetricName, "LongBench retrieval_score (THUDM/LongBench@2e00731 metrics.py)", () => new RetrievalScore())
            .LabelledIn(LongBench("retrieval_score")),
        MetricDefinition.Deterministic(RetrievalScore.ChineseMetricName, "LongBench retrieval_zh_score (THUDM/LongBench@2e00731 metrics.py)", () => new RetrievalScore(chinese: true))
            .LabelledIn(LongBench("retrieval_zh_score")),
        MetricDefinition.Deterministic(CodeSimScore.MetricName, "LongBench code_sim_score, fuzzywuzzy with python-Levenshtein (THUDM/LongBench@2e00731 metrics.py)", () => new CodeSimScore())
            .LabelledIn(LongBench("code_sim_score (fuzzywuzzy with python-Levenshtein)")),
        MetricDefinition.Deterministic(MathExactMatch.MetricName, "L-Eval exact_match after process_math (OpenLMLab/LEval@cd34b05 auto_eval.py, em.py)", () => new MathExactMatch())
            .LabelledIn((F.LEval, "exam accuracy (final number)")),
        MetricDefinition.Deterministic(CodeSimScore.DifflibMetricName, "LongBench code_sim_score, fuzzywuzzy difflib fallback (THUDM/LongBench@2e00731 metrics.py)", () => new CodeSimScore(FuzzRatioBackend.Difflib)),
        MetricDefinition.Deterministic(LEvalExamScore.MetricName, "L-Eval exact_match (OpenLMLab/LEval@cd34b05 auto_eval.py, em.py)", () => new LEvalExamScore()),
        MetricDefinition.Deterministic(LEvalRouge.MetricName, "L-Eval rouge_score ROUGE-L F; R-1/R-2 components (OpenLMLab/LEval@cd34b05 rouge.py)", () => new LEvalRouge()),
        MetricDefinition.Judged(JudgeCorrectness.MetricName, "judge-scored correctness (LaRA-style)", judge => new JudgeCorrectness(judge))
            .LabelledIn((F.Lara, "accuracy")),
        MetricDefinition.Judged(JudgeCoverage.MetricName, "judge-scored insight coverage (SummHay coverage)", judge => new JudgeCoverage(judge))
            .LabelledIn((F.SummHay, "coverage")),
        MetricDefinition.Deterministic(LongBenchV2Accuracy.MetricName, "LongBench v2 extract_answer accuracy (THUDM/LongBench@c5ea10b pred.py)", () => new LongBenchV2Accuracy())
            .LabelledIn((F.LongBenchV2, "accuracy")),
        MetricDefinition.Judged(LongWriterQuality.MetricName, "LongWriter S_q, judge-scored on six dimensions (THUDM/LongWriter@ca6ccd4 eval_quality.py, judge.txt)",
            judge => new LongWriterQuality(new Judging.LongWriterQualityJudge(ChatModelOf(judge, LongWriterQuality.MetricName), judge.ModelName)))
            .LabelledIn((F.LongBenchWrite, "S_q (quality score)")),
        MetricDefinition.Judged(SummHayInsights.MetricName, "SummHay coverage, citation and joint, judge-scored (salesforce/summary-of-a-haystack@3e2007f populate_eval.py, utils_eval.py)",
            judge => new SummHayInsights(new Judging.SummHayInsightJudge(ChatModelOf(judge, SummHayInsights.MetricName), judge.ModelName)))
            .LabelledIn((F.SummHay, "joint")),
    ];

    // Both LongBench report forms (LongBench and LongBench-E) name the metric alike.
    private static (string, string)[] LongBench(string label) => [(F.LongBench, label), (F.LongBenchE, label)];

    // The benchmarks' own judge prompts ask for JSON, so these metrics talk to the judge's chat model directly.
    private static Microsoft.Extensions.AI.IChatClient ChatModelOf(IJudge judge, string metric) => (judge as ChatJudge)?.Client
        ?? throw new InvalidOperationException($"Metric '{metric}' needs a chat-model judge: give a judge (MetricRegistry.Judge) over an IChatClient.");
}

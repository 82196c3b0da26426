using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Tests.Evaluation;

/// <summary>LongBench v1's non-QA metrics on hand-computed cases.</summary>
public class LongBenchMetricTests
{
    private static readonly string[] TrecLike = ["location", "Other location", "City"];

    [Fact]
    public void Classification_drops_matches_inside_the_gold_label() =>
        // "location" occurs but is part of the gold "Other location": only the gold is left → 1/1.
        Assert.Equal(1.0, ClassificationScore.Score("Other location", ["Other location"], TrecLike));

    [Fact]
    public void Classification_divides_by_the_labels_named() =>
        // Matches: location (dropped), Other location, City → 1/2.
        Assert.Equal(0.5, ClassificationScore.Score("City or Other location", ["Other location"], TrecLike));

    [Fact]
    public void Classification_skips_the_label_after_a_dropped_one_like_LongBench() =>
        // Matches Other, location, Other location: dropping "Other" makes LongBench's loop skip "location",
        // so two labels stay and the score is 1/2 (not 1).
        Assert.Equal(0.5, ClassificationScore.Score("Other location", ["Other location"], ["Other", "location", "Other location"]));

    [Fact]
    public void Classification_is_zero_without_the_gold_label()
    {
        Assert.Equal(0.0, ClassificationScore.Score("City", ["Other location"], TrecLike));
        Assert.Equal(0.0, ClassificationScore.Score("no label at all", ["City"], TrecLike));
        Assert.Equal(0.0, ClassificationScore.Score("city", ["City"], TrecLike)); // case-sensitive, as LongBench
    }

    [Fact]
    public void Count_is_the_fraction_of_numbers_equal_to_the_gold()
    {
        Assert.Equal(2.0 / 3, CountScore.Score("I count 5 paragraphs; 5 or 6", ["5"]), 12);
        Assert.Equal(1.0, CountScore.Score("There are 7 unique paragraphs.", ["7"]));
        Assert.Equal(0.0, CountScore.Score("05", ["5"])); // compared as strings, like LongBench
        Assert.Equal(0.0, CountScore.Score("several", ["5"]));
    }

    [Fact]
    public void Retrieval_reads_the_paragraph_number_from_the_gold()
    {
        Assert.Equal(1.0, RetrievalScore.Score("Paragraph 12", ["Paragraph 12"]));
        Assert.Equal(0.5, RetrievalScore.Score("Paragraph 12, or maybe Paragraph 3", ["Paragraph 12"]));
        Assert.Equal(0.0, RetrievalScore.Score("Paragraph 21", ["Paragraph 12"]));
    }

    [Fact]
    public void Chinese_retrieval_uses_the_chinese_pattern()
    {
        Assert.Equal(1.0, RetrievalScore.Score("答案是段落3", ["段落3"], chinese: true));
        Assert.Equal(0.0, RetrievalScore.Score("3", ["段落3"], chinese: false)); // no "Paragraph N" in the gold
    }

    [Fact]
    public void Levenshtein_ratio_matches_fuzzywuzzy()
    {
        // LCS("kitten", "sitting") = "ittn": 2·4/13 = 0.615 → 62; fuzzywuzzy's README: "this is a test" vs "...!" = 97.
        Assert.Equal(8.0 / 13, LevenshteinRatio.Ratio("kitten", "sitting"), 12);
        Assert.Equal(62, LevenshteinRatio.FuzzRatio("kitten", "sitting"));
        Assert.Equal(97, LevenshteinRatio.FuzzRatio("this is a test", "this is a test!"));
        // 2·1/16 = 0.125 → 12.5 rounds half to even → 12, as Python's round.
        Assert.Equal(12, LevenshteinRatio.FuzzRatio("abcdefgh", "aijklmno"));
        // Code points, not UTF-16 units: 2·1/(2+1) → 67 (UTF-16 would give 2·1/4 → 50).
        Assert.Equal(67, LevenshteinRatio.FuzzRatio("😀a", "a"));
        Assert.Equal(100, LevenshteinRatio.FuzzRatio("", ""));
        Assert.Equal(0, LevenshteinRatio.FuzzRatio("", "x"));
    }

    [Fact]
    public void Code_similarity_scores_the_first_line_without_fences_or_comments()
    {
        Assert.Equal("x = foo(1)", CodeSimScore.FirstCodeLine("\n```python\n# next line\nx = foo(1)\ny = 2"));
        Assert.Equal("c = d", CodeSimScore.FirstCodeLine("a = b  # note\nc = d")); // '#' anywhere on the line
        Assert.Equal(1.0, CodeSimScore.Score("```\nx = foo(1)\n```", ["x = foo(1)"]));
        Assert.Equal(0.62, CodeSimScore.Score("kitten\nmore", ["sitting"]), 12);
        Assert.Equal(0.0, CodeSimScore.Score("// only a comment", ["x = 1"]));
    }

    [Fact]
    public void First_line_trim_drops_leading_newlines_only()
    {
        Assert.Equal("Location", ScoredPrediction.FirstLine("\n\nLocation\nQuestion: next?"));
        Assert.Equal(" ", ScoredPrediction.FirstLine(" \nLocation"));
        var trimmed = ScoredPrediction.For(Case(PredictionTrim.FirstLine), Prediction.FromText("Paris\nQuestion: x\nAnswer: Rome"));
        Assert.Equal("Paris", trimmed.Text);
        Assert.Equal("a\nb", ScoredPrediction.For(Case(PredictionTrim.None), Prediction.FromText("a\nb")).Text);
    }

    [Fact]
    public void Chinese_rouge_segments_with_jieba()
    {
        Assert.Equal("我们 在 2024 年 .", RougeLChinese.Segment("我们在2024年."));
        // 我/来到/北京/清华大学 vs 我/来到/清华大学: LCS 3 → P = 3/4, R = 1, F = 2PR / (P + R + 1e-8).
        Assert.Equal(2 * 0.75 / (1.75 + 1e-8), RougeLChinese.Score("我来到北京清华大学", ["我来到清华大学"]), 9);
        Assert.Equal(0.0, RougeL.Score("我们在家", ["我在们家"])); // unsegmented: one word each, no overlap
    }

    private static BenchmarkCase Case(PredictionTrim trim) =>
        new("c", "d", TaskKind.QuestionAnswering, [], "q", ["Paris"], [TokenF1.MetricName], "4k") { ScoringTrim = trim };
}

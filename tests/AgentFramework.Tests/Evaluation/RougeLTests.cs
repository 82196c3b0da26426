using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Tests.Evaluation;

public class RougeLTests
{
    [Fact]
    public void Counts_distinct_lcs_words_over_distinct_words()
    {
        // LCS = "the cat on the mat" but as a set {the, cat, on, mat} = 4; distinct words 5 and 5 → R = P = 0.8.
        // (Textbook ROUGE-L would give 5/6; the rouge package LongBench uses gives 0.8.)
        Assert.Equal(0.8, RougeL.FMeasure("the cat sat on the mat", "the cat was on the mat"), 6);
    }

    [Fact]
    public void Unions_lcs_across_candidate_sentences()
    {
        // Reference "a c" meets "a b" → {a} and "c d" → {c}; "b d" meets → {b} and {d}: 4 hits of 4 distinct words.
        Assert.Equal(1.0, RougeL.FMeasure("a b. c d.", "a c. b d"), 6);
    }

    [Fact]
    public void Partial_overlap_hand_computed()
    {
        // ref {x, y, z}, cand {x, q, z, w}: LCS(x y z, x q z w) = x z → 2 hits; R = 2/3, P = 2/4, F = 4/7.
        Assert.Equal(4.0 / 7, RougeL.FMeasure("x q z w", "x y z"), 6);
    }

    [Fact]
    public void Is_case_sensitive_like_the_package() => Assert.Equal(0.0, RougeL.FMeasure("Cat", "cat"), 6);

    [Theory]
    [InlineData("", "a b")]
    [InlineData("a b", "")]
    [InlineData("...", "a b")]
    public void Empty_text_scores_zero(string candidate, string reference) =>
        Assert.Equal(0.0, RougeL.FMeasure(candidate, reference));

    [Fact]
    public void Sentences_split_on_periods_like_the_package()
    {
        var sentences = RougeL.Sentences("One  two. Three.  ");
        Assert.Equal(3, sentences.Count);
        Assert.Equal(["One", "two"], sentences[0]);
        Assert.Equal(["Three"], sentences[1]);
        Assert.Equal([""], sentences[2]); // whitespace after the last period is a sentence with one empty word
    }

    [Fact]
    public void Score_takes_the_maximum_over_gold_answers() =>
        Assert.Equal(1.0, RougeL.Score("a b", ["c d", "a b"]), 6);
}

using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Tests.Evaluation;

public class ExactMatchAndTokenF1Tests
{
    [Theory]
    [InlineData("The Eiffel Tower.", 1.0)]
    [InlineData("eiffel  tower", 1.0)]
    [InlineData("Eiffel", 0.0)]
    [InlineData("The tower of Eiffel", 0.0)]
    public void ExactMatch_after_normalisation(string prediction, double expected) =>
        Assert.Equal(expected, ExactMatch.Score(prediction, ["Paris", "Eiffel Tower"]));

    [Fact]
    public void F1_counts_overlap_after_normalisation()
    {
        // pred tokens [cat, sat, on, mat], gold [cat, on, mat]: P = 3/4, R = 1, F1 = 1.5/1.75.
        Assert.Equal(1.5 / 1.75, TokenF1.Score("The cat sat on the mat.", ["a cat on a mat"]), 12);
    }

    [Fact]
    public void F1_counts_repeated_tokens_at_most_as_often_as_gold_has_them()
    {
        // pred [cat, cat, cat], gold [cat]: 1 common, P = 1/3, R = 1, F1 = 0.5.
        Assert.Equal(0.5, TokenF1.Score("cat cat cat", ["cat"]), 12);
    }

    [Fact]
    public void F1_takes_the_maximum_over_gold_answers()
    {
        // vs "dog": 0; vs "cat sat": P = 1, R = 1/2, F1 = 2/3.
        Assert.Equal(2.0 / 3, TokenF1.Score("cat", ["dog", "cat sat"]), 12);
    }

    [Theory]
    [InlineData("", "cat")]
    [InlineData("the", "a")]        // both normalise to nothing: LongBench scores 0, not 1
    [InlineData("dog", "cat")]
    public void F1_is_zero_without_common_tokens(string prediction, string gold) =>
        Assert.Equal(0.0, TokenF1.Score(prediction, [gold]));

    [Fact]
    public void F1_is_zero_without_gold_answers() => Assert.Equal(0.0, TokenF1.Score("cat", []));

    [Fact]
    public void Chinese_F1_uses_jieba_words()
    {
        Assert.Equal(1.0, TokenF1.ScoreChinese("北京。", ["北京"]), 12);
        // jieba: 我/来到/北京/清华大学 vs 北京/清华大学: P = 2/4, R = 1, F1 = 2/3 (per character it would be 6/9 vs 6/6).
        Assert.Equal(2.0 / 3, TokenF1.ScoreChinese("我来到北京清华大学", ["北京清华大学"]), 12);
        // One word, not two characters: no credit for a partial word.
        Assert.Equal(0.0, TokenF1.ScoreChinese("北京大学", ["北京"]), 12);
    }
}

using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Tests.Evaluation;

/// <summary>L-Eval gsm100's final-number rule on hand-worked answers.</summary>
public class MathExactMatchTests
{
    [Fact]
    public void The_answer_is_takes_precedence_and_keeps_digits_before_the_point()
    {
        Assert.Equal("1200", MathAnswerExtractor.Extract("She earns $1,200.50 in total. The answer is $1,200.50 today"));
        Assert.Equal("18", MathAnswerExtractor.Extract("The answer is 18. Then 180 more"));
    }

    [Fact]
    public void Without_a_statement_the_last_number_of_the_first_block_counts() =>
        // 16 - 3 - 4 = 9 eggs, 9 * 2 = $18; the worked example after the blank line is ignored.
        Assert.Equal("18", MathAnswerExtractor.Extract("16 - 3 - 4 = 9 eggs, 9 * 2 = $18 per day.\n\nQuestion: 42 apples?"));

    [Fact]
    public void Gold_18_does_not_match_180()
    {
        Assert.Equal(0.0, MathExactMatch.Score("The answer is 180", ["18"]));
        Assert.Equal(1.0, MathExactMatch.Score("So she makes 9 * 2 = $18 every day.", ["18"]));
        Assert.Equal(1.0, MathExactMatch.Score("The answer is 018.", ["18"])); // compared as numbers
    }

    [Fact]
    public void No_number_scores_zero()
    {
        Assert.Equal("", MathAnswerExtractor.Extract("I do not know."));
        Assert.Equal(0.0, MathExactMatch.Score("I do not know.", ["18"]));
        // em.py: a gold without a number extracts "", which counts as an option answer, and "" equals "": 1, as in L-Eval.
        Assert.Equal(1.0, MathExactMatch.Score("I do not know.", ["none"]));
    }
}

using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Tests.Evaluation;

public class StringMatchTests
{
    [Fact]
    public void All_is_the_fraction_of_gold_strings_found() =>
        Assert.Equal(2.0 / 3, StringMatchAll.Score("The values are 123 and 456.", ["123", "456", "789"]), 12);

    [Fact]
    public void Part_is_one_when_any_gold_string_is_found()
    {
        Assert.Equal(1.0, StringMatchPart.Score("The values are 123 and 456.", ["789", "456"]));
        Assert.Equal(0.0, StringMatchPart.Score("nothing here", ["789"]));
    }

    [Fact]
    public void Matching_ignores_case() => Assert.Equal(1.0, StringMatchAll.Score("KEY-ABC", ["key-abc"]));

    [Fact]
    public void Control_characters_do_not_hide_a_match() =>
        Assert.Equal(1.0, StringMatchAll.Score("\u0001 42\u0002", ["42"]));

    [Fact]
    public void No_gold_scores_zero() => Assert.Equal(0.0, StringMatchAll.Score("x", []));
}

using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Tests.Evaluation;

public class MultipleChoiceTests
{
    [Theory]
    [InlineData("(B)", "B")]
    [InlineData("B", "B")]
    [InlineData("Answer: B", "B")]
    [InlineData("B. Their subconscious knew that Korvin was an insoluble problem.", "B")]
    [InlineData("the answer is b", "B")]
    [InlineData("The correct answer is **C**.", "C")]
    [InlineData("After reading the passage, I pick (D) because it fits.", "D")]
    [InlineData("The answer is C. D is wrong because...", "C")]
    [InlineData("Answers: A, C and D", "ACD")]
    [InlineData("ACD", "ACD")]
    [InlineData("A, C", "AC")]
    [InlineData("the final answer is a.", "A")]
    public void Extracts_the_chosen_letters(string response, string expected) =>
        Assert.Equal(expected, MultipleChoiceAnswerExtractor.Extract(response));

    [Theory]
    [InlineData("I think the answer is a good question")]
    [InlineData("A lot of people think so.")]
    [InlineData("I cannot answer this.")]
    [InlineData("")]
    public void Finds_nothing_in_responses_without_a_choice(string response) =>
        Assert.Null(MultipleChoiceAnswerExtractor.Extract(response));

    [Fact]
    public void Matches_option_text_when_no_letter_is_given()
    {
        Assert.Equal("B", MultipleChoiceAnswerExtractor.Extract("I believe it is London.", ["Paris", "London", "Berlin"]));
        Assert.Equal("B", MultipleChoiceAnswerExtractor.Extract("It was dark blue", ["blue", "dark blue"]));
        Assert.Null(MultipleChoiceAnswerExtractor.Extract("Paris or London", ["Paris", "London"]));
    }

    [Fact]
    public void Letters_beyond_the_option_count_are_ignored() =>
        Assert.Null(MultipleChoiceAnswerExtractor.Extract("(E)", ["one", "two", "three", "four"]));

    [Theory]
    [InlineData("(B) Their subconscious knew", "B")]
    [InlineData("A", "A")]
    [InlineData("ABD", "ABD")]
    [InlineData("True [fact: False]", null)]
    public void Reads_gold_letters(string gold, string? expected) =>
        Assert.Equal(expected, MultipleChoiceAnswerExtractor.GoldLetters(gold));

    [Fact]
    public void Reads_inline_options()
    {
        var options = MultipleChoiceAnswerExtractor.InlineOptions("why did she go\nA. to study\nB. to earn money\nC. to paint\nD. to meet");
        Assert.Equal(["to study", "to earn money", "to paint", "to meet"], options);
    }

    [Fact]
    public void Accuracy_needs_every_gold_letter()
    {
        Assert.Equal(1.0, MultipleChoiceAccuracy.Score("Answer: A, B and D", ["ABD"]));
        Assert.Equal(0.0, MultipleChoiceAccuracy.Score("Answer: A and B", ["ABD"]));
        Assert.Equal(1.0, MultipleChoiceAccuracy.Score("(B)", ["(B) Their subconscious knew"]));
        Assert.Equal(0.0, MultipleChoiceAccuracy.Score("no idea", ["B"]));
    }
}

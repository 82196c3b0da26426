using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Tests.Evaluation;

public class AnswerNormalizerTests
{
    [Theory]
    [InlineData("The Cat!", "cat")]
    [InlineData("the-end", "theend")]                 // punctuation is removed before articles, so no article is left
    [InlineData("An  apple, a day.", "apple day")]
    [InlineData("A.B. Smith", "ab smith")]
    [InlineData("anthem and theatre", "anthem and theatre")] // articles only as whole words
    [InlineData("It's\tTHE\nend", "its end")]
    [InlineData("Théâtre «moderne»", "théâtre «moderne»")]   // only ASCII punctuation is removed
    [InlineData("", "")]
    public void Normalize_follows_longbench(string input, string expected) =>
        Assert.Equal(expected, AnswerNormalizer.Normalize(input));

    [Theory]
    [InlineData("北京，中国。", "北京中国")]
    [InlineData("  Hello 世界！ ", "hello世界")]
    public void NormalizeChinese_drops_cjk_punctuation_and_all_whitespace(string input, string expected) =>
        Assert.Equal(expected, AnswerNormalizer.NormalizeChinese(input));

    [Fact]
    public void ChineseTokens_are_jieba_words_normalised_and_non_empty() =>
        Assert.Equal(["gpt4", "模型"], AnswerNormalizer.ChineseTokens("GPT4 模型。"));
}

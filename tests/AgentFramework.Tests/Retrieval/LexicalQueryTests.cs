using AgentFramework.Retrieval;

namespace AgentFramework.Tests.Retrieval;

public class LexicalQueryTests
{
    [Theory]
    [InlineData("NEAR(x y)", "\"near\" OR \"x\" OR \"y\"")]
    [InlineData("text:secret*", "\"text\" OR \"secret\"")]
    [InlineData("\"unbalanced", "\"unbalanced\"")]
    [InlineData("^start AND -not", "\"start\"")]
    [InlineData("the AND of", "\"the\" OR \"and\" OR \"of\"")]
    public void Fts5_queries_are_quoted_words_only(string input, string expected)
    {
        Assert.Equal(expected, LexicalQuery.ToFts5(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \"*():^-  ")]
    public void Queries_without_words_give_no_expression(string input)
    {
        Assert.Null(LexicalQuery.ToFts5(input));
        Assert.Null(LexicalQuery.ToWebSearch(input));
    }

    [Fact]
    public void Websearch_input_has_no_operators()
    {
        Assert.Equal("drop or table or chunks", LexicalQuery.ToWebSearch("'; DROP TABLE chunks; --"));
        Assert.Equal("x or y", LexicalQuery.ToWebSearch("x OR -y"));
    }
}

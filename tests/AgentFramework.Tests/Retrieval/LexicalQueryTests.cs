using AgentFramework.Retrieval;

namespace AgentFramework.Tests.Retrieval;

public class LexicalQueryTests
{
    [Theory]
    [InlineData("NEAR(a b)", "\"near\" OR \"a\" OR \"b\"")]
    [InlineData("text:secret*", "\"text\" OR \"secret\"")]
    [InlineData("\"unbalanced", "\"unbalanced\"")]
    [InlineData("^start AND -not", "\"start\" OR \"and\" OR \"not\"")]
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
        Assert.Equal("a or b", LexicalQuery.ToWebSearch("a OR -b"));
    }
}

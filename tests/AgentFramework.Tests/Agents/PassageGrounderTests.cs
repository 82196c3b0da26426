using AgentFramework.Plugins.Native;

namespace AgentFramework.Tests.Agents;

public class PassageGrounderTests
{
    [Theory]
    [InlineData("call me ishmael.", "Call me Ishmael.")]
    [InlineData("  Some years ago—never mind\nhow long ", "Some years ago—never mind how long")]
    [InlineData("SOME   YEARS AGO—NEVER MIND HOW", "Some years ago—never mind how")]
    public void Finds_passages_ignoring_case_and_whitespace_and_returns_the_exact_source_span(string passage, string expected)
    {
        const string source = "Call me Ishmael. Some years ago—never mind how long precisely—having little money.";
        var span = PassageGrounder.Locate(source, passage);
        Assert.NotNull(span);
        Assert.Equal(expected, span.Value.Quote);
        Assert.Equal(source[span.Value.Start..span.Value.End], span.Value.Quote);
    }

    [Fact]
    public void Maps_through_line_breaks_in_the_source()
    {
        const string source = "first line\nthe white\n   whale rose\nend";
        var span = PassageGrounder.Locate(source, "the white whale rose");
        Assert.Equal("the white\n   whale rose", span!.Value.Quote);
    }

    [Theory]
    [InlineData("Call me Queequeg.")]
    [InlineData("")]
    [InlineData("   ")]
    public void Rejects_passages_that_do_not_occur(string passage) =>
        Assert.Null(PassageGrounder.Locate("Call me Ishmael. Some years ago.", passage));
}

using AgentFramework.Documents;

namespace AgentFramework.Tests;

public class SourceMapTests
{
    [Fact]
    public void Locate_counts_lines_within_segment()
    {
        var text = "a\nb\nc";
        var map = SourceMap.SingleFile("f.txt", text);
        var loc = map.Locate(4);
        Assert.Equal("f.txt", loc.File);
        Assert.Equal(3, loc.Line);
        Assert.Equal(1, loc.Column);
    }
}

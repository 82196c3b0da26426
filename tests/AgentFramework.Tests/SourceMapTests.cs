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

    [Fact]
    public void Locate_agrees_with_counting_newlines_from_the_segment_start()
    {
        var random = new Random(5);
        var text = new string(Enumerable.Range(0, 3000).Select(_ => random.Next(8) == 0 ? '\n' : 'x').ToArray());
        var map = new SourceMap([new SourceSegment(0, 1000, "a.txt", null, 1), new SourceSegment(1000, 2200, "b.pdf", 3, 40), new SourceSegment(2200, 3000, "c.txt", null, 7)], text);
        foreach (int offset in Enumerable.Range(0, 400).Select(_ => random.Next(-5, 3010)).Append(0).Append(999).Append(1000).Append(2999))
        {
            int clamped = Math.Clamp(offset, 0, text.Length - 1);
            var segment = map.Segments.Last(s => s.Start <= clamped);
            int line = segment.FirstLine, lineStart = segment.Start;
            for (int i = segment.Start; i < clamped; i++) if (text[i] == '\n') { line++; lineStart = i + 1; }
            Assert.Equal(new SourceLocation(segment.File, segment.Page, line, clamped - lineStart + 1), map.Locate(offset));
        }
    }
}

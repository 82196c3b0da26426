namespace AgentFramework.Documents;

/// <summary>A run of document text that came from one place: a file, and for paged formats one page.</summary>
/// <param name="FirstLine">1-based line number, in the original file, of the segment's first character.</param>
public sealed record SourceSegment(int Start, int End, string File, int? Page, int FirstLine);

/// <summary>Where a character of the document text came from.</summary>
public sealed record SourceLocation(string File, int? Page, int Line, int Column)
{
    public override string ToString() => Page is { } p ? $"{File}, page {p}, line {Line}" : $"{File}:{Line}:{Column}";
}

/// <summary>
/// Maps character offsets in a document's text back to file, page and line. Segments are sorted, contiguous
/// and cover the text; lines are counted inside the segment from its <see cref="SourceSegment.FirstLine"/>.
/// </summary>
public sealed class SourceMap
{
    private readonly SourceSegment[] _segments;
    private readonly string _text;
    private int[]? _newlines;

    public SourceMap(IEnumerable<SourceSegment> segments, string text)
    {
        _segments = segments.OrderBy(s => s.Start).ToArray();
        _text = text;
    }

    public IReadOnlyList<SourceSegment> Segments => _segments;

    public static SourceMap SingleFile(string file, string text) => new([new SourceSegment(0, text.Length, file, null, 1)], text);

    /// <summary>The file, page and line of the character at <paramref name="offset"/>.</summary>
    public SourceLocation Locate(int offset)
    {
        if (_segments.Length == 0) return new SourceLocation("", null, 1, 1);
        offset = Math.Clamp(offset, 0, Math.Max(0, _text.Length - 1));
        int lo = 0, hi = _segments.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (_segments[mid].Start <= offset) lo = mid; else hi = mid - 1;
        }
        var seg = _segments[lo];
        // Newlines in [seg.Start, offset): two binary searches over the text's newline offsets, not a scan from the
        // segment's start for every call (a book is one segment; printing its citations scanned it once per citation).
        var newlines = NewlineOffsets();
        int end = Math.Max(seg.Start, Math.Min(offset, _text.Length));
        int before = LowerBound(newlines, seg.Start), upTo = LowerBound(newlines, end);
        int line = seg.FirstLine + upTo - before;
        int lineStart = upTo > before ? newlines[upTo - 1] + 1 : seg.Start;
        return new SourceLocation(seg.File, seg.Page, line, offset - lineStart + 1);
    }

    // Built on first use; a race builds the same array twice, harmlessly.
    private int[] NewlineOffsets()
    {
        if (_newlines is { } built) return built;
        var offsets = new List<int>();
        for (int at = _text.IndexOf('\n'); at >= 0; at = _text.IndexOf('\n', at + 1)) offsets.Add(at);
        return _newlines = offsets.ToArray();
    }

    // The number of entries below value.
    private static int LowerBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}

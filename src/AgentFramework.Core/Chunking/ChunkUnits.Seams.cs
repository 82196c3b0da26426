using AgentFramework.Tokens;

namespace AgentFramework.Chunking;

/// <summary>
/// Exact chunk counts without re-tokenising chunks. Where the counter splits exactly at seams
/// (<see cref="TokenSeams"/>), each unit is counted in parts at its first and last seam: head, middle, tail (a unit
/// that starts or ends on a seam, such as a line, has no head or tail to count). The text between one unit's last
/// seam and the next seamed unit's first seam (" Never" after "ago.") is counted once more, unless they meet.
/// A chunk's count is then its first unit's head + prefix sums between the seams + its last unit's tail, which equals
/// tokenising the chunk's text. Units without a seam (CJK, very long tokens) fall back to counting the stretch up to
/// the nearest seam, or the whole chunk when it has no seam at all.
/// </summary>
internal sealed partial class ChunkUnits
{
    private readonly ITokenCounter _counter;
    private readonly TokenSeams? _seams;
    private int _spaceTokens = -1; // count(" "), the usual tail after a sentence
    private readonly List<SeamedUnit> _seamed = [];
    // Prefix counts at each seamed unit's first and last seam, linked as each seamed unit is added.
    private readonly List<long> _atFirstSeam = [], _atLastSeam = [];
    // Per unit boundary 0..Count: how many seamed units precede it, which is also the index in _seamed of the first
    // seamed unit at or after it; known without looking ahead, so units can be built on demand.
    private readonly List<int> _seamedBefore = [0];

    private readonly record struct SeamedUnit(int Unit, int First, int Last, int Head, int Middle, int Tail)
    {
        public int Tokens => Head + Middle + Tail;
    }

    /// <summary>Counts a piece in parts at its first and last seam; null when it has none.</summary>
    private SeamedUnit? CountAtSeams(TokenSeams seams, int start, int end)
    {
        int first = seams.IsSeamAt(_text, start) ? start : seams.First(_text, start, end);
        if (first < 0) return null;
        int last = seams.IsSeamAt(_text, end) ? end : seams.Last(_text, first, end);
        if (last < 0) last = first;
        return new SeamedUnit(-1, first, last, CountText(start, first), CountText(first, last), CountText(last, end));
    }

    private void AttachSeams(SeamedUnit seams)
    {
        int k = _seamed.Count;
        _seamed.Add(seams with { Unit = Count - 1 });
        _seamedBefore[Count] = k + 1;
        // Across units: from the previous seamed unit's last seam to this one's first (its tail joined to this head).
        long atFirst = k == 0 ? 0 : _atLastSeam[k - 1] + CountText(_seamed[k - 1].Last, seams.First);
        _atFirstSeam.Add(atFirst);
        _atLastSeam.Add(atFirst + seams.Middle);
    }

    private int CountText(int start, int end)
    {
        if (end - start == 1 && _text[start] == ' ')
            return _spaceTokens >= 0 ? _spaceTokens : _spaceTokens = _counter.CountTokens(" ");
        return end == start ? 0 : _counter.CountTokens(_text.AsSpan(start, end - start));
    }

    /// <summary>The exact token count of built units [first, end) together: what the counter gives for their text.</summary>
    public int CountTokens(int first, int end)
    {
        int start = _starts[first], stop = Position(end);
        if (_seamed.Count > 0)
        {
            int g = _seamedBefore[first], h = _seamedBefore[end] - 1; // the seamed units inside the range
            if (g <= h)
            {
                var a = _seamed[g];
                var b = _seamed[h];
                long head = a.Unit == first ? a.Head : CountText(start, a.First);
                long tail = b.Unit == end - 1 ? b.Tail : CountText(b.Last, stop);
                return checked((int)(head + _atLastSeam[h] - _atFirstSeam[g] + tail));
            }
        }
        return CountText(start, stop);
    }
}

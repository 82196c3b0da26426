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
    private ITokenCounter _counter = null!;
    private TokenSeams? _seams;
    private int _spaceTokens = -1; // count(" "), the usual tail after a sentence
    private readonly List<int> _seamUnits = [];          // per unit: its index in _seamed, or -1
    private readonly List<SeamedUnit> _seamed = [];
    private long[] _atFirstSeam = [], _atLastSeam = [];  // prefix counts at each seamed unit's first and last seam
    private int[] _nextSeamed = [];                      // per unit 0..Count: the first seamed unit at or after it

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
        _seamUnits[Count - 1] = _seamed.Count;
        _seamed.Add(seams with { Unit = Count - 1 });
    }

    private int CountText(int start, int end)
    {
        if (end - start == 1 && _text[start] == ' ')
            return _spaceTokens >= 0 ? _spaceTokens : _spaceTokens = _counter.CountTokens(" ");
        return end == start ? 0 : _counter.CountTokens(_text.AsSpan(start, end - start));
    }

    private void LinkSeams(CancellationToken ct)
    {
        _atFirstSeam = new long[_seamed.Count];
        _atLastSeam = new long[_seamed.Count];
        for (int k = 0; k < _seamed.Count; k++)
        {
            if ((k & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
            // Across units: from the previous seamed unit's last seam to this one's first (its tail joined to this head).
            _atFirstSeam[k] = k == 0 ? 0 : _atLastSeam[k - 1] + CountText(_seamed[k - 1].Last, _seamed[k].First);
            _atLastSeam[k] = _atFirstSeam[k] + _seamed[k].Middle;
        }
        _nextSeamed = new int[Count + 1];
        _nextSeamed[Count] = _seamed.Count;
        for (int u = Count - 1; u >= 0; u--) _nextSeamed[u] = _seamUnits[u] >= 0 ? _seamUnits[u] : _nextSeamed[u + 1];
    }

    /// <summary>The exact token count of units [first, end) together: what the counter gives for their text.</summary>
    public int CountTokens(int first, int end)
    {
        int start = _starts[first], stop = end == Count ? _text.Length : _starts[end];
        if (_seamed.Count > 0)
        {
            int g = _nextSeamed[first], h = _nextSeamed[end] - 1; // the seamed units inside the range
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

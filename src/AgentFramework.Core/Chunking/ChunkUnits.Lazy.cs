using System.Runtime.InteropServices;
using AgentFramework.Tokens;

namespace AgentFramework.Chunking;

/// <summary>
/// Units are built on demand, one piece (sentence-or-stronger boundary to the next) at a time, in the caller's thread,
/// as the chunker asks about them: a chunk is decided, and can be embedded and written, before the rest of the text is
/// tokenised. Everything a unit needs (its count, the prefix sums, the seam links) depends only on the text and the
/// units before it, so building it late gives the same units as building them all first.
/// </summary>
internal sealed partial class ChunkUnits
{
    private const int ReportEvery = 1 << 18;

    private readonly BoundaryStrength[] _boundaries;
    private readonly int _maxTokens;
    private readonly Action<int>? _counted;
    private readonly CancellationToken _ct;
    private int _pieceStart; // where the next piece starts: the text's length once every piece is begun
    private IEnumerator<int>? _longPiece; // the rest of a piece over the budget, added a word at a time
    private int _wordsCounted;            // how far _longPiece has got
    private int _nextReport = ReportEvery;

    /// <param name="boundaries">From <see cref="BoundaryScanner.Scan"/>: the text's length + 1 entries, File at both ends.</param>
    /// <param name="counted">Told the characters counted so far, every quarter megabyte or so.</param>
    public ChunkUnits(string text, BoundaryStrength[] boundaries, ITokenCounter counter, int maxTokens, Action<int>? counted, CancellationToken ct)
    {
        _text = text;
        _boundaries = boundaries;
        _counter = counter;
        _seams = TokenSeams.For(counter);
        _maxTokens = maxTokens;
        _counted = counted;
        _ct = ct;
    }

    /// <summary>Characters of the text split into units and counted so far.</summary>
    public int Counted => _longPiece is null ? _pieceStart : _wordsCounted;

    /// <summary>Whether unit <paramref name="unit"/> exists, building units until it does or the text ends.</summary>
    public bool Has(int unit) => unit < _starts.Count || BuildUntil(unit);

    /// <summary>Where unit <paramref name="unit"/> starts; the text's length for the unit after the last.</summary>
    public int Position(int unit) => Has(unit) ? _starts[unit] : _text.Length;

    private bool BuildUntil(int unit)
    {
        while (unit >= _starts.Count)
        {
            if (_longPiece is not null)
            {
                if (_longPiece.MoveNext()) continue;
                _longPiece = null;
                ReportCounted();
            }
            if (_pieceStart == _text.Length) break;
            int start = _pieceStart, end = NextPieceEnd(start);
            _pieceStart = end;
            _longPiece = AddPiece(start, end, _boundaries[start]);
            if (_longPiece is null) ReportCounted();
        }
        return unit < _starts.Count;
    }

    private void ReportCounted()
    {
        if (_pieceStart < _nextReport) return;
        _ct.ThrowIfCancellationRequested();
        _counted?.Invoke(_pieceStart);
        _nextReport = _pieceStart + ReportEvery;
    }

    // The next sentence-or-stronger boundary after start; the text's end always is one (File).
    private int NextPieceEnd(int start)
    {
        var after = MemoryMarshal.Cast<BoundaryStrength, byte>(_boundaries.AsSpan(start + 1));
        return start + 1 + after.IndexOfAnyInRange((byte)BoundaryStrength.Sentence, (byte)BoundaryStrength.File);
    }
}

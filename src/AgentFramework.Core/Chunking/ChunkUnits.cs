using AgentFramework.Tokens;

namespace AgentFramework.Chunking;

/// <summary>
/// The smallest pieces a chunk is built from: the text between sentence-or-stronger boundaries, each tokenised once.
/// A piece over the budget is split at words, and a word over the budget is cut by the tokenizer (never inside a
/// surrogate pair). Summing piece counts estimates a chunk's count without re-tokenising growing prefixes, and
/// <see cref="CountTokens"/> gives a chunk's exact count from the same single pass (see <see cref="TokenSeams"/>).
/// </summary>
internal sealed partial class ChunkUnits
{
    private readonly List<int> _starts = [];
    private readonly List<int> _tokens = [];
    private readonly List<BoundaryStrength> _strengths = [];
    // Prefix sums of in-context estimates, one more than units: a piece that follows a single space usually shares
    // that space's token with its first word once joined ("one. " + "Two" → "one", ".", " Two").
    private readonly List<long> _joined = [0];
    private readonly string _text;

    /// <summary>Pieces longer than this many characters per budget token are split before being counted.</summary>
    private const int LongPieceCharsPerToken = 8;

    /// <summary>Units built so far (see <see cref="Has"/>): all of them only once the text's end is reached.</summary>
    public int Count => _starts.Count;
    public int Start(int unit) => _starts[unit];
    public int Tokens(int unit) => _tokens[unit];
    public BoundaryStrength Strength(int unit) => _strengths[unit];

    /// <summary>Estimated tokens of built units [first, end) together, from the prefix sums.</summary>
    public long Estimate(int first, int end) => _joined[end] - _joined[first + 1] + _tokens[first];

    private long JoinedTokens(int unit)
    {
        int s = _starts[unit];
        bool singleSpaceBefore = s >= 1 && _text[s - 1] == ' ' && (s < 2 || !char.IsWhiteSpace(_text[s - 2]));
        return singleSpaceBefore && _tokens[unit] > 1 ? _tokens[unit] - 1 : _tokens[unit];
    }

    private void Add(int start, int tokens, BoundaryStrength strength)
    {
        _starts.Add(start);
        _tokens.Add(tokens);
        _strengths.Add(strength);
        _joined.Add(_joined[^1] + JoinedTokens(Count - 1));
        _seamedBefore.Add(_seamed.Count);
    }

    /// <summary>
    /// Adds a piece as one unit when it fits the budget; otherwise returns the steps that add its words, one word
    /// (or hard cut) per step, so a piece far longer than a chunk is built only as far as chunks need.
    /// </summary>
    private IEnumerator<int>? AddPiece(int start, int end, BoundaryStrength strength)
    {
        // A piece far longer than the budget in characters is split without counting it whole: tokenising one
        // megabyte-long pre-token is slow, and the split is correct whether or not it was needed.
        if (end - start <= _maxTokens * LongPieceCharsPerToken)
        {
            // Counted in parts at its first and last seams (the same total), so chunks need no recount.
            var seams = _seams is null ? null : CountAtSeams(_seams, start, end);
            int tokens = seams?.Tokens ?? _counter.CountTokens(_text.AsSpan(start, end - start));
            if (tokens <= _maxTokens)
            {
                Add(start, tokens, strength);
                if (seams is { } found) AttachSeams(found);
                return null;
            }
        }
        _wordsCounted = start;
        return AddWords(start, end, strength);
    }

    /// <summary>
    /// Splits a piece over the budget into words, each with the whitespace before it. Counted that way a word costs what
    /// it costs inside the sentence (" extraordinarily" is 1 cl100k token, "extraordinarily " is 4). Yields after each unit.
    /// </summary>
    private IEnumerator<int> AddWords(int start, int end, BoundaryStrength strength)
    {
        string text = _text;
        int maxTokens = _maxTokens;
        int wordStart = start;
        var wordStrength = strength;
        for (int p = start + 1; p <= end; p++)
        {
            bool boundary = p == end || (char.IsWhiteSpace(text[p]) && !char.IsWhiteSpace(text[p - 1]));
            if (!boundary) continue;
            if ((p & 0xFFF) == 0) _ct.ThrowIfCancellationRequested();
            int from = wordStart;
            var fromStrength = wordStrength;
            wordStart = p;
            wordStrength = BoundaryStrength.Word;
            int wordTokens = p - from <= maxTokens * LongPieceCharsPerToken ? _counter.CountTokens(text.AsSpan(from, p - from)) : int.MaxValue;
            if (wordTokens <= maxTokens)
            {
                Add(from, wordTokens, fromStrength);
                _wordsCounted = p;
                yield return p;
            }
            else
            {
                foreach (int cutEnd in HardCut(from, p, fromStrength))
                {
                    _wordsCounted = cutEnd;
                    yield return cutEnd;
                }
            }
        }
    }

    /// <summary>
    /// Cuts a word longer than the budget into pieces of a quarter budget in characters (so overlap still works).
    /// A UTF-16 character encodes to at most 3 UTF-8 bytes and byte-level tokenizers emit at most one token per byte,
    /// so a piece never exceeds three quarters of the budget. Pieces never end inside a surrogate pair.
    /// Yields the end of each piece once it is added.
    /// </summary>
    private IEnumerable<int> HardCut(int start, int end, BoundaryStrength strength)
    {
        string text = _text;
        var counter = _counter;
        int maxTokens = _maxTokens;
        int pieceChars = Math.Max(2, maxTokens / 4);
        int position = start;
        while (position < end)
        {
            if ((position & 0xFFFF) < pieceChars) _ct.ThrowIfCancellationRequested();
            int length = Math.Min(pieceChars, end - position);
            if (position + length < end && char.IsHighSurrogate(text[position + length - 1]) && char.IsLowSurrogate(text[position + length]))
                length--;
            int tokens = counter.CountTokens(text.AsSpan(position, length));
            // Only a counter that adds tokens of its own (e.g. a BOS marker) can get here; halve until it fits.
            while (tokens > maxTokens && length > 2)
            {
                length /= 2;
                if (char.IsHighSurrogate(text[position + length - 1])) length++;
                tokens = counter.CountTokens(text.AsSpan(position, length));
            }
            Add(position, tokens, position == start ? strength : BoundaryStrength.Character);
            position += length;
            yield return position;
        }
    }
}

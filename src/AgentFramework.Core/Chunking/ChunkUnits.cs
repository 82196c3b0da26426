using AgentFramework.Tokens;

namespace AgentFramework.Chunking;

/// <summary>
/// The smallest pieces a chunk is built from: the text between sentence-or-stronger boundaries, each tokenised once.
/// A piece over the budget is split at words, and a word over the budget is cut by the tokenizer (never inside a
/// surrogate pair). Summing piece counts estimates a chunk's count without re-tokenising growing prefixes.
/// </summary>
internal sealed class ChunkUnits
{
    private readonly List<int> _starts = [];
    private readonly List<int> _tokens = [];
    private readonly List<BoundaryStrength> _strengths = [];

    public int Count => _starts.Count;
    public int Start(int unit) => _starts[unit];
    public int Tokens(int unit) => _tokens[unit];
    public BoundaryStrength Strength(int unit) => _strengths[unit];

    /// <summary>Estimated tokens of units [first, end) together, from prefix sums (see <see cref="Build"/>).</summary>
    public long Estimate(int first, int end) => _joined[end] - _joined[first] + _tokens[first] - JoinedTokens(first);

    private long[] _joined = [];
    private string _text = "";

    public static ChunkUnits Build(string text, BoundaryStrength[] strengths, ITokenCounter counter, int maxTokens, CancellationToken ct)
    {
        var units = new ChunkUnits { _text = text };
        int start = 0;
        for (int p = 1; p <= text.Length; p++)
        {
            if (strengths[p] < BoundaryStrength.Sentence) continue;
            if ((p & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
            units.AddPiece(text, start, p, strengths[start], counter, maxTokens, ct);
            start = p;
        }
        // Prefix sums of in-context estimates: a piece that follows a single space usually shares that space's
        // token with its first word once joined ("one. " + "Two" → "one", ".", " Two").
        units._joined = new long[units.Count + 1];
        for (int i = 0; i < units.Count; i++) units._joined[i + 1] = units._joined[i] + units.JoinedTokens(i);
        return units;
    }

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
    }

    private void AddPiece(string text, int start, int end, BoundaryStrength strength, ITokenCounter counter, int maxTokens, CancellationToken ct)
    {
        int tokens = counter.CountTokens(text.AsSpan(start, end - start));
        if (tokens <= maxTokens) { Add(start, tokens, strength); return; }

        // Too long: split at word starts (after whitespace).
        int wordStart = start;
        var wordStrength = strength;
        for (int p = start + 1; p <= end; p++)
        {
            bool boundary = p == end || (char.IsWhiteSpace(text[p - 1]) && !char.IsWhiteSpace(text[p]));
            if (!boundary) continue;
            if ((p & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
            int wordTokens = counter.CountTokens(text.AsSpan(wordStart, p - wordStart));
            if (wordTokens <= maxTokens) Add(wordStart, wordTokens, wordStrength);
            else HardCut(text, wordStart, p, wordStrength, counter, maxTokens, ct);
            wordStart = p;
            wordStrength = BoundaryStrength.Word;
        }
    }

    /// <summary>Cuts a word longer than the budget into pieces of about a quarter budget, so overlap still works.</summary>
    private void HardCut(string text, int start, int end, BoundaryStrength strength, ITokenCounter counter, int maxTokens, CancellationToken ct)
    {
        int pieceBudget = Math.Max(1, maxTokens / 4);
        int position = start;
        while (position < end)
        {
            ct.ThrowIfCancellationRequested();
            // Tokenise a window, not the rest of the word: a megabyte-long "word" would make each call linear.
            int window = pieceBudget * 8 + 16, length;
            while (true)
            {
                int available = Math.Min(window, end - position);
                length = counter.GetIndexByTokenCount(text.AsSpan(position, available), pieceBudget, out _);
                if (length < available || available == end - position) break;
                window *= 2;
            }
            length = Math.Max(length, 1);
            if (position + length < end && char.IsHighSurrogate(text[position + length - 1]) && char.IsLowSurrogate(text[position + length]))
                length = length > 1 ? length - 1 : 2;
            int tokens = counter.CountTokens(text.AsSpan(position, length));
            while (tokens > maxTokens && length > 2)
            {
                length /= 2;
                if (char.IsHighSurrogate(text[position + length - 1])) length++;
                tokens = counter.CountTokens(text.AsSpan(position, length));
            }
            Add(position, tokens, position == start ? strength : BoundaryStrength.Character);
            position += length;
        }
    }
}

using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Documents.Readers;
using AgentFramework.Tokens;

namespace AgentFramework.Tests.Chunking;

// The chunker as it was before one-pass counting (commit 7ccc986): every sentence tokenised, then every chunk again.
// Kept only as the oracle the one-pass chunker must match exactly (same boundaries, same token counts).
internal sealed class ReferenceChunker(ITokenCounter? tokenCounter = null)
{
    public const int IdLength = Chunker.IdLength;

    public ITokenCounter TokenCounter { get; } = tokenCounter ?? TokenCounters.Cl100k;

    /// <param name="progress">Reported a few times per megabyte (see <see cref="ChunkingProgress"/>).</param>
    public IReadOnlyList<Chunk> Split(Document document, ChunkingOptions? options = null, CancellationToken cancellationToken = default,
        IProgress<ChunkingProgress>? progress = null)
    {
        options ??= new ChunkingOptions();
        options.Validate();
        var text = document.Text;
        if (text.Length == 0) return [];

        var units = ReferenceChunkUnits.Build(text, BoundaryScanner.Scan(document), TokenCounter, options.MaxTokens, progress, cancellationToken);
        var sections = new SectionLocator(document);
        var hardStops = document.Sections.Select(s => s.Start).Concat(document.Files.Select(f => f.Start)).ToHashSet();
        var chunks = new List<Chunk>();
        int n = units.Count, max = options.MaxTokens, minFill = max / 2;
        int Position(int unit) => unit == n ? text.Length : units.Start(unit);
        BoundaryStrength StrengthAt(int unit) => unit == n ? BoundaryStrength.File : units.Strength(unit);
        int CountTokens(int first, int end) => TokenCounter.CountTokens(text.AsSpan(Position(first), Position(end) - Position(first)));

        // Among ends in [lowest, limit], the strongest boundary that keeps the chunk at least half full; the latest on ties.
        int ChooseEnd(int first, int lowest, int limit)
        {
            int best = limit;
            var bestStrength = StrengthAt(limit);
            for (int k = limit - 1; k >= lowest && units.Estimate(first, k) >= minFill; k--)
            {
                var s = StrengthAt(k);
                if (s > bestStrength) { best = k; bestStrength = s; }
            }
            return best;
        }

        int first = 0, minEnd = 1; // a chunk must end past the previous chunk's end (unit index)
        while (first < n)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int lowest = Math.Max(first + 1, minEnd);
            int fit = first + 1;
            while (fit < n && units.Estimate(first, fit + 1) <= max) fit++;
            if (fit < lowest) { first = minEnd - 1; continue; } // the overlap left no room: drop it

            int end = fit == n ? n : ChooseEnd(first, lowest, fit);
            int tokens = CountTokens(first, end);
            // The estimate can be off by a token or so per join; shrink until the real count fits.
            while (tokens > max && end > lowest)
            {
                long target = units.Estimate(first, end) - (tokens - max);
                int limit = end - 1;
                while (limit > lowest && units.Estimate(first, limit) > target) limit--;
                end = ChooseEnd(first, lowest, limit);
                tokens = CountTokens(first, end);
            }
            if (tokens > max)
            {
                if (first < minEnd - 1) { first = minEnd - 1; continue; }
                throw new InvalidOperationException($"chunker: unit at {Position(first)} counts {tokens} tokens alone, over {max}");
            }

            int start = Position(first), stop = Position(end);
            chunks.Add(new Chunk(
                DocumentId.Hash($"{document.Id}:{start}:{stop}", IdLength), document.Id, chunks.Count, start, stop,
                text[start..stop], tokens, sections.SectionAt(start)));
            if (end == n) break;
            if (progress is not null && (chunks.Count & 31) == 0)
                progress.Report(new ChunkingProgress(ChunkingProgress.Packing, stop, text.Length, chunks.Count));

            // Overlap never reaches back across a heading or a file start: what precedes it belongs elsewhere,
            // and the chunk would be named after the wrong section.
            int next = end;
            if (options.OverlapTokens > 0 && !hardStops.Contains(stop))
            {
                long room = Math.Min(options.OverlapTokens, max - units.Tokens(end));
                while (next - 1 > first && !hardStops.Contains(Position(next)) && units.Estimate(next - 1, end) <= room) next--;
            }
            first = next;
            minEnd = end + 1;
        }
        progress?.Report(new ChunkingProgress(ChunkingProgress.Packing, text.Length, text.Length, chunks.Count));
        return chunks;
    }

    /// <summary>Finds the section path (prefixed by the file path in folders) for a chunk start.</summary>
    private sealed class SectionLocator(Document document)
    {
        private readonly DocumentSection[] _sections = document.Sections.OrderBy(s => s.Start).ToArray();
        private readonly DocumentFile[] _files = document.Files.OrderBy(f => f.Start).ToArray();

        public string? SectionAt(int start)
        {
            // Skip the whitespace a chunk may begin with so it is named after the text it holds.
            int position = start;
            while (position < document.Text.Length && char.IsWhiteSpace(document.Text[position])) position++;
            if (position == document.Text.Length) position = start;

            DocumentFile? file = null;
            int fi = LastAtOrBefore(_files.Length, i => _files[i].Start, position);
            if (fi >= 0 && position < _files[fi].End) file = _files[fi];

            DocumentSection? section = null;
            for (int si = LastAtOrBefore(_sections.Length, i => _sections[i].Start, position); si >= 0; si--)
            {
                var s = _sections[si];
                if (file is not null && s.Start < file.Start) break;
                if (position < s.End) { section = s; break; }
            }
            if (file is null) return section?.Path;
            return section is null ? file.RelativePath : file.RelativePath + SectionBuilder.PathSeparator + section.Path;
        }

        private static int LastAtOrBefore(int count, Func<int, int> startOf, int position)
        {
            int lo = 0, hi = count - 1, found = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) / 2;
                if (startOf(mid) <= position) { found = mid; lo = mid + 1; } else hi = mid - 1;
            }
            return found;
        }
    }
}


/// <summary>
/// The smallest pieces a chunk is built from: the text between sentence-or-stronger boundaries, each tokenised once.
/// A piece over the budget is split at words, and a word over the budget is cut by the tokenizer (never inside a
/// surrogate pair). Summing piece counts estimates a chunk's count without re-tokenising growing prefixes.
/// </summary>
internal sealed class ReferenceChunkUnits
{
    private readonly List<int> _starts = [];
    private readonly List<int> _tokens = [];
    private readonly List<BoundaryStrength> _strengths = [];

    /// <summary>Pieces longer than this many characters per budget token are split before being counted.</summary>
    private const int LongPieceCharsPerToken = 8;

    public int Count => _starts.Count;
    public int Start(int unit) => _starts[unit];
    public int Tokens(int unit) => _tokens[unit];
    public BoundaryStrength Strength(int unit) => _strengths[unit];

    /// <summary>Estimated tokens of units [first, end) together, from prefix sums (see <see cref="Build"/>).</summary>
    public long Estimate(int first, int end) => _joined[end] - _joined[first] + _tokens[first] - JoinedTokens(first);

    private long[] _joined = [];
    private string _text = "";

    public static ReferenceChunkUnits Build(string text, BoundaryStrength[] strengths, ITokenCounter counter, int maxTokens,
        IProgress<ChunkingProgress>? progress, CancellationToken ct)
    {
        const int ReportEvery = 1 << 18;
        var units = new ReferenceChunkUnits { _text = text };
        int start = 0, nextReport = ReportEvery;
        for (int p = 1; p <= text.Length; p++)
        {
            if (strengths[p] < BoundaryStrength.Sentence) continue;
            units.AddPiece(text, start, p, strengths[start], counter, maxTokens, ct);
            start = p;
            if (p >= nextReport)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(new ChunkingProgress(ChunkingProgress.Counting, p, text.Length, 0));
                nextReport = p + ReportEvery;
            }
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
        // A piece far longer than the budget in characters is split without counting it whole: tokenising one
        // megabyte-long pre-token is slow, and the split is correct whether or not it was needed.
        if (end - start <= maxTokens * LongPieceCharsPerToken)
        {
            int tokens = counter.CountTokens(text.AsSpan(start, end - start));
            if (tokens <= maxTokens) { Add(start, tokens, strength); return; }
        }

        // Too long: split into words, each with the whitespace before it. Counted that way a word costs what it
        // costs inside the sentence (" extraordinarily" is 1 cl100k token, "extraordinarily " is 4).
        int wordStart = start;
        var wordStrength = strength;
        for (int p = start + 1; p <= end; p++)
        {
            bool boundary = p == end || (char.IsWhiteSpace(text[p]) && !char.IsWhiteSpace(text[p - 1]));
            if (!boundary) continue;
            if ((p & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
            int wordTokens = p - wordStart <= maxTokens * LongPieceCharsPerToken ? counter.CountTokens(text.AsSpan(wordStart, p - wordStart)) : int.MaxValue;
            if (wordTokens <= maxTokens) Add(wordStart, wordTokens, wordStrength);
            else HardCut(text, wordStart, p, wordStrength, counter, maxTokens, ct);
            wordStart = p;
            wordStrength = BoundaryStrength.Word;
        }
    }

    /// <summary>
    /// Cuts a word longer than the budget into pieces of a quarter budget in characters (so overlap still works).
    /// A UTF-16 character encodes to at most 3 UTF-8 bytes and byte-level tokenizers emit at most one token per byte,
    /// so a piece never exceeds three quarters of the budget. Pieces never end inside a surrogate pair.
    /// </summary>
    private void HardCut(string text, int start, int end, BoundaryStrength strength, ITokenCounter counter, int maxTokens, CancellationToken ct)
    {
        int pieceChars = Math.Max(2, maxTokens / 4);
        int position = start;
        while (position < end)
        {
            if ((position & 0xFFFF) < pieceChars) ct.ThrowIfCancellationRequested();
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
        }
    }
}

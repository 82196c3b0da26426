using AgentFramework.Documents;
using AgentFramework.Documents.Readers;
using AgentFramework.Tokens;

namespace AgentFramework.Chunking;

/// <summary>
/// Splits a document into chunks of at most <see cref="ChunkingOptions.MaxTokens"/> tokens (by the given counter)
/// that cover the text in order, each starting up to <see cref="ChunkingOptions.OverlapTokens"/> tokens before the
/// previous one ends (never back across a heading or a file start). Ends are placed at the strongest boundary that keeps a chunk at least
/// half full: heading &gt; paragraph &gt; sentence &gt; word for prose; file &gt; declaration &gt; blank line &gt; line for code.
/// Invariants: <c>Text[Start..End] == chunk.Text</c>; the first chunk starts at 0 and the last ends at the text's end;
/// starts and ends increase; each chunk starts at or before the previous end; each real count is within budget.
/// </summary>
public sealed class Chunker(ITokenCounter? tokenCounter = null)
{
    public const int IdLength = 16;

    public ITokenCounter TokenCounter { get; } = tokenCounter ?? TokenCounters.Cl100k;

    /// <param name="progress">Reported a few times per megabyte (see <see cref="ChunkingProgress"/>).</param>
    public IReadOnlyList<Chunk> Split(Document document, ChunkingOptions? options = null, CancellationToken cancellationToken = default,
        IProgress<ChunkingProgress>? progress = null) =>
        SplitIncrementally(document, options, cancellationToken, progress).ToList();

    /// <summary>
    /// The chunks of <see cref="Split"/>, each yielded as soon as it is decided: the text is tokenised only as far as
    /// the next chunk needs (about one chunk ahead), in the enumerating thread, so a consumer can embed and store a
    /// chunk while the rest is still to be counted. Options are checked here, before enumeration starts.
    /// </summary>
    /// <param name="progress">Reported a few times per megabyte (see <see cref="ChunkingProgress"/>).</param>
    public IEnumerable<Chunk> SplitIncrementally(Document document, ChunkingOptions? options = null, CancellationToken cancellationToken = default,
        IProgress<ChunkingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        options ??= new ChunkingOptions();
        options.Validate();
        // The budget is read now, so changing the options object during enumeration changes nothing.
        return document.Text.Length == 0 ? [] : Pack(document, options.MaxTokens, options.OverlapTokens, cancellationToken, progress);
    }

    private IEnumerable<Chunk> Pack(Document document, int max, int overlapTokens, CancellationToken cancellationToken, IProgress<ChunkingProgress>? progress)
    {
        var text = document.Text;
        int index = 0; // chunks yielded so far
        // Boundaries stay one upfront pass over characters, no tokenising: 2-5% of chunking (KJV 2.4%, Moby Dick 1.6%,
        // this repo's src/ 4.6%), a few milliseconds before the first chunk.
        var units = new ChunkUnits(text, BoundaryScanner.Scan(document), TokenCounter, max,
            progress is null ? null : counted => progress.Report(new ChunkingProgress(ChunkingProgress.Counting, counted, text.Length, index)),
            cancellationToken);
        var sections = new SectionLocator(document);
        var hardStops = document.Sections.Select(s => s.Start).Concat(document.Files.Select(f => f.Start)).ToHashSet();
        int minFill = max / 2;
        // Units are built as these ask about them: "is there a unit i" (Has), not "i < the number of units".
        BoundaryStrength StrengthAt(int unit) => units.Has(unit) ? units.Strength(unit) : BoundaryStrength.File;
        // Exact, from the counting pass: no chunk is tokenised again (see ChunkUnits.CountTokens).
        int CountTokens(int first, int end) => units.CountTokens(first, end);

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
        while (units.Has(first))
        {
            cancellationToken.ThrowIfCancellationRequested();
            int lowest = Math.Max(first + 1, minEnd);
            int fit = first + 1;
            while (units.Has(fit) && units.Estimate(first, fit + 1) <= max) fit++;
            if (fit < lowest) { first = minEnd - 1; continue; } // the overlap left no room: drop it

            int end = units.Has(fit) ? ChooseEnd(first, lowest, fit) : fit; // past the last unit: the text's end
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
                throw new InvalidOperationException($"chunker: unit at {units.Position(first)} counts {tokens} tokens alone, over {max}");
            }

            int start = units.Position(first), stop = units.Position(end);
            bool last = stop == text.Length;
            var chunk = new Chunk(DocumentId.Hash($"{document.Id}:{start}:{stop}", IdLength), document.Id, index++, start, stop,
                text[start..stop], tokens, sections.SectionAt(start));
            if (!last && progress is not null && (index & 31) == 0)
                progress.Report(new ChunkingProgress(ChunkingProgress.Packing, units.Counted, text.Length, index));
            yield return chunk;
            if (last) break;

            // Overlap never reaches back across a heading or a file start: what precedes it belongs elsewhere,
            // and the chunk would be named after the wrong section.
            int next = end;
            if (overlapTokens > 0 && !hardStops.Contains(stop))
            {
                long room = Math.Min(overlapTokens, max - units.Tokens(end));
                while (next - 1 > first && !hardStops.Contains(units.Position(next)) && units.Estimate(next - 1, end) <= room) next--;
            }
            first = next;
            minEnd = end + 1;
        }
        progress?.Report(new ChunkingProgress(ChunkingProgress.Packing, text.Length, text.Length, index));
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

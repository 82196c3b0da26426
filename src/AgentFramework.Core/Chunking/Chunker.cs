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
        IProgress<ChunkingProgress>? progress = null)
    {
        options ??= new ChunkingOptions();
        options.Validate();
        var text = document.Text;
        if (text.Length == 0) return [];

        var units = ChunkUnits.Build(text, BoundaryScanner.Scan(document), TokenCounter, options.MaxTokens, progress, cancellationToken);
        var sections = new SectionLocator(document);
        var hardStops = document.Sections.Select(s => s.Start).Concat(document.Files.Select(f => f.Start)).ToHashSet();
        var chunks = new List<Chunk>();
        int n = units.Count, max = options.MaxTokens, minFill = max / 2;
        int Position(int unit) => unit == n ? text.Length : units.Start(unit);
        BoundaryStrength StrengthAt(int unit) => unit == n ? BoundaryStrength.File : units.Strength(unit);
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

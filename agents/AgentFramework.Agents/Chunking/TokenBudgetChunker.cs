using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Tokens;

namespace AgentFramework.Agents.Chunking;

/// <summary>
/// A plain chunker for the pipelines: packs whole paragraphs (blank-line separated) up to the token budget, cuts a
/// paragraph that is longer than the budget at token boundaries, never crosses a file boundary of a folder document
/// (so each code chunk names one file), and keeps <c>document.Text[Start..End] == Text</c>. No overlap: the reading
/// pipelines pass context along themselves.
/// </summary>
public sealed class TokenBudgetChunker : IDocumentChunker
{
    public IReadOnlyList<Chunk> Split(Document document, ChunkingOptions options, ITokenCounter tokenCounter)
    {
        if (options.MaxTokens < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxTokens must be at least 1");
        var chunks = new List<Chunk>();
        foreach (var (start, end, section) in Regions(document))
            SplitRegion(document, start, end, section, options.MaxTokens, tokenCounter, chunks);
        return chunks;
    }

    private static IEnumerable<(int Start, int End, string? Section)> Regions(Document document)
    {
        if (document.Files.Count == 0) { yield return (0, document.Text.Length, null); yield break; }
        foreach (var file in document.Files.OrderBy(f => f.Start)) yield return (file.Start, file.End, file.RelativePath);
    }

    private static void SplitRegion(Document document, int start, int end, string? section, int maxTokens, ITokenCounter counter, List<Chunk> chunks)
    {
        var text = document.Text;
        int chunkStart = start, chunkTokens = 0, cursor = start;
        foreach (var paragraphEnd in ParagraphEnds(text, start, end))
        {
            int paragraphTokens = counter.CountTokens(text.AsSpan(cursor, paragraphEnd - cursor));
            if (chunkTokens > 0 && chunkTokens + paragraphTokens > maxTokens)
            {
                Emit(document, chunkStart, cursor, section, counter, chunks);
                chunkStart = cursor; chunkTokens = 0;
            }
            if (paragraphTokens > maxTokens)
            {
                // One paragraph over budget: cut it into token-bounded pieces.
                int at = cursor;
                while (at < paragraphEnd)
                {
                    int length = counter.GetIndexByTokenCount(text.AsSpan(at, paragraphEnd - at), maxTokens, out _);
                    if (length <= 0) length = 1;
                    Emit(document, at, at + length, section, counter, chunks);
                    at += length;
                }
                chunkStart = paragraphEnd; chunkTokens = 0;
            }
            else chunkTokens += paragraphTokens;
            cursor = paragraphEnd;
        }
        if (cursor > chunkStart) Emit(document, chunkStart, cursor, section, counter, chunks);
    }

    // Ends of paragraphs: just after each run of blank lines, and the region end.
    private static IEnumerable<int> ParagraphEnds(string text, int start, int end)
    {
        int i = start;
        while (i < end)
        {
            int newline = text.IndexOf("\n\n", i, end - i, StringComparison.Ordinal);
            if (newline < 0) break;
            int after = newline + 2;
            while (after < end && (text[after] == '\n' || text[after] == '\r')) after++;
            yield return after;
            i = after;
        }
        if (i < end) yield return end;
    }

    private static void Emit(Document document, int start, int end, string? section, ITokenCounter counter, List<Chunk> chunks)
    {
        if (end <= start || string.IsNullOrWhiteSpace(document.Text.AsSpan(start, end - start).ToString())) return;
        var text = document.Text[start..end];
        var id = $"{document.Id}-{chunks.Count:D4}";
        chunks.Add(new Chunk(id, document.Id, chunks.Count, start, end, text, counter.CountTokens(text), section ?? SectionAt(document, start)));
    }

    private static string? SectionAt(Document document, int offset) =>
        document.Sections.LastOrDefault(s => s.Start <= offset && offset < s.End)?.Path;
}

using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Tokens;

namespace AgentFramework.Retrieval.Ingestion;

/// <summary>
/// Simple token-window chunker used for ingestion until Core's Chunker is available: windows of at most
/// MaxTokens tokens, cut at the last paragraph break, sentence end or space in the window's final third, with about
/// OverlapTokens of overlap. Chunk text is always the document's text at [Start, End).
/// </summary>
public static class WindowChunker
{
    public static Func<Document, IReadOnlyList<Chunk>> Create(ITokenCounter counter, ChunkingOptions options) => document => Split(document, counter, options);

    public static IReadOnlyList<Chunk> Split(Document document, ITokenCounter counter, ChunkingOptions options)
    {
        var text = document.Text;
        var chunks = new List<Chunk>();
        int start = SkipSpace(text, 0);
        while (start < text.Length)
        {
            int length = counter.GetIndexByTokenCount(text.AsSpan(start), options.MaxTokens, out _);
            int end = start + Math.Max(1, length);
            if (end < text.Length) end = CutPoint(text, start, end);
            int trimmedEnd = end;
            while (trimmedEnd > start && char.IsWhiteSpace(text[trimmedEnd - 1])) trimmedEnd--;
            if (trimmedEnd > start)
            {
                var chunkText = text[start..trimmedEnd];
                chunks.Add(new Chunk(DocumentId.Hash($"{document.Id}:{start}:{trimmedEnd}", 16), document.Id, chunks.Count, start, trimmedEnd,
                    chunkText, counter.CountTokens(chunkText), SectionAt(document, start)));
            }
            if (end >= text.Length) break;
            int next = end;
            if (options.OverlapTokens > 0 && options.OverlapTokens < options.MaxTokens)
            {
                // Step back roughly OverlapTokens (by the window's own chars-per-token) to the start of a word.
                int back = (int)((long)(end - start) * options.OverlapTokens / Math.Max(1, options.MaxTokens));
                next = Math.Max(start + 1, end - back);
                while (next > start + 1 && !char.IsWhiteSpace(text[next - 1])) next--;
                if (next <= start) next = end;
            }
            start = SkipSpace(text, next);
        }
        return chunks;
    }

    private static int CutPoint(string text, int start, int end)
    {
        int floor = start + (end - start) * 2 / 3;
        int paragraph = text.LastIndexOf("\n\n", end - 1, end - floor, StringComparison.Ordinal);
        if (paragraph > floor) return paragraph + 2;
        for (int i = end - 1; i > floor; i--)
            if (text[i] is '.' or '!' or '?' && char.IsWhiteSpace(text[i + 1 < text.Length ? i + 1 : i])) return i + 1;
        for (int i = end - 1; i > floor; i--)
            if (char.IsWhiteSpace(text[i])) return i + 1;
        return end;
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i;
    }

    private static string? SectionAt(Document document, int offset) =>
        document.Sections.Where(s => s.Start <= offset && offset < s.End).OrderByDescending(s => s.Level).FirstOrDefault()?.Path;
}

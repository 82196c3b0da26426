using System.Text.RegularExpressions;
using AgentFramework.Chunking;
using AgentFramework.Citations;

namespace AgentFramework.Agents.MemoryStream;

/// <summary>
/// Cites the sentences of a chunk that a note is about: those sharing the most content words with it. A note that
/// shares none (a model that paraphrased, or wrote nonsense) cites the whole chunk, which is still where it came from.
/// Every citation's quote is exactly the document text at its span.
/// </summary>
public static partial class SpanCiter
{
    public static IReadOnlyList<Citation> Cite(Chunk chunk, string documentName, string note, int maxSpans = 2)
    {
        var noteWords = ContentWords(note);
        var scored = new List<(int Start, int End, int Overlap)>();
        if (noteWords.Count > 0)
        {
            foreach (Match sentence in Sentence().Matches(chunk.Text))
            {
                int overlap = ContentWords(sentence.Value).Count(noteWords.Contains);
                if (overlap > 0) scored.Add((sentence.Index, sentence.Index + sentence.Length, overlap));
            }
        }
        if (scored.Count == 0)
            return [new Citation(documentName, chunk.Start, chunk.End, chunk.Text, chunk.Id)];
        return scored
            .OrderByDescending(s => s.Overlap).ThenBy(s => s.Start)
            .Take(maxSpans)
            .OrderBy(s => s.Start)
            .Select(s => new Citation(documentName, chunk.Start + s.Start, chunk.Start + s.End, chunk.Text[s.Start..s.End], chunk.Id))
            .ToList();
    }

    private static HashSet<string> ContentWords(string text) =>
        Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= 4).ToHashSet(StringComparer.Ordinal);

    // A sentence: from a non-space character up to and including its terminal punctuation (or a line end).
    [GeneratedRegex(@"[^\s][^.!?\n]*(?:[.!?]+|$)", RegexOptions.Multiline)]
    private static partial Regex Sentence();

    [GeneratedRegex(@"\p{L}[\p{L}\p{Nd}'-]*")]
    private static partial Regex Word();
}

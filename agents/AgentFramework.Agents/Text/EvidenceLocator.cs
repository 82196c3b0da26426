using AgentFramework.Agents.Execution;
using AgentFramework.Chunking;
using AgentFramework.Citations;
using AgentFramework.Documents;

namespace AgentFramework.Agents.Text;

/// <summary>A stretch of a document that evidence may be quoted from: a chunk, or the part of a document a prompt kept.</summary>
public readonly record struct EvidenceRange(Document Document, int Start, int End, string? ChunkId = null);

/// <summary>
/// Points a claim at the sentences that support it, natively (no model): the sentences of the given ranges that share
/// the most content words with the claim (lower-cased, stop words dropped), picked greedily so each further sentence
/// must add claim words the earlier ones lacked; ties go to the earliest sentence. Every citation's quote is exactly
/// the document text at its span.
/// </summary>
public sealed class EvidenceLocator
{
    private readonly List<Sentence> _sentences = [];

    private sealed record Sentence(Document Document, int Start, int End, string? ChunkId, HashSet<string> Terms);

    public EvidenceLocator(IEnumerable<EvidenceRange> ranges)
    {
        foreach (var range in ranges)
            foreach (var span in SentenceSplitter.Split(range.Document.Text, range.Start, range.End))
                _sentences.Add(new Sentence(range.Document, span.Start, span.End, range.ChunkId,
                    TextTerms.Of(range.Document.Text.AsSpan(span.Start, span.End - span.Start)).ToHashSet(StringComparer.Ordinal)));
    }

    /// <summary>
    /// Up to <paramref name="maxSpans"/> supporting sentences, in reading order; each must cover at least
    /// <paramref name="minOverlap"/> claim words not yet covered (fewer when fewer remain). Empty when none qualifies.
    /// </summary>
    public IReadOnlyList<Citation> Find(string claim, int maxSpans = 2, int minOverlap = 1)
    {
        var uncovered = TextTerms.Of(claim).ToHashSet(StringComparer.Ordinal);
        var picked = new List<int>();
        while (picked.Count < maxSpans && uncovered.Count > 0)
        {
            int best = -1, bestOverlap = 0;
            for (int i = 0; i < _sentences.Count; i++)
            {
                int overlap = _sentences[i].Terms.Count(uncovered.Contains);
                if (overlap > bestOverlap) (best, bestOverlap) = (i, overlap);
            }
            if (best < 0 || bestOverlap < Math.Min(minOverlap, uncovered.Count)) break;
            picked.Add(best);
            uncovered.ExceptWith(_sentences[best].Terms);
        }
        return picked.Order().Select(i => _sentences[i]).Select(s =>
            new Citation(s.Document.Name, s.Start, s.End, s.Document.Text[s.Start..s.End], s.ChunkId)).ToArray();
    }

    /// <summary>The sentences of a chunk that support the claim; the whole chunk when none shares a content word with it.</summary>
    public static IReadOnlyList<Citation> InChunk(string claim, Document document, Chunk chunk, int maxSpans = 2)
    {
        var found = new EvidenceLocator([new EvidenceRange(document, chunk.Start, chunk.End, chunk.Id)]).Find(claim, maxSpans);
        return found.Count > 0 ? found : [new Citation(document.Name, chunk.Start, chunk.End, document.Text[chunk.Start..chunk.End], chunk.Id)];
    }

    public static IReadOnlyList<Citation> InChunk(string claim, ReadingChunk chunk, int maxSpans = 2) =>
        InChunk(claim, chunk.Document, chunk.Chunk, maxSpans);
}

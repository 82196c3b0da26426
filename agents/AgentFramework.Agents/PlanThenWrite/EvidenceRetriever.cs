using AgentFramework.Agents.Text;
using System.Text;
using AgentFramework.Citations;
using AgentFramework.Retrieval;
using AgentFramework.Tokens;

namespace AgentFramework.Agents.PlanThenWrite;

/// <summary>Evidence shown to the writer of one section: labelled passages ([E1]...) and the citation behind each label.</summary>
public sealed record SectionEvidence(string Prompt, IReadOnlyList<Citation> Citations)
{
    public static SectionEvidence None { get; } = new("(no evidence)", []);
}

/// <summary>
/// Retrieves evidence for a section from an <see cref="IChunkIndex"/> (query: the section's title and main point) and
/// lays it out within a token budget. Each label's citation is the whole retrieved chunk, whose text is exactly the
/// document text at its span; the prompt may show a shortened passage.
/// </summary>
public static class EvidenceRetriever
{
    public static async Task<SectionEvidence> RetrieveAsync(IChunkIndex index, PlannedSection section, string? documentId, int k,
        int maxTokens, ITokenCounter counter, CancellationToken cancellationToken)
    {
        var hits = await index.SearchAsync(new SearchQuery($"{section.Title}. {section.MainPoint}", k, SearchMode.Auto, documentId), cancellationToken).ConfigureAwait(false);
        if (hits.Count == 0) return SectionEvidence.None;
        var sb = new StringBuilder();
        var citations = new List<Citation>();
        int perHit = Math.Max(16, maxTokens / hits.Count - 8);
        foreach (var hit in hits)
        {
            var label = $"[E{citations.Count + 1}] ({hit.DocumentName}) ";
            var passage = TokenBudget.KeepStart(counter, hit.Chunk.Text.Trim(), perHit).ReplaceLineEndings(" ");
            sb.Append(label).AppendLine(passage);
            citations.Add(new Citation(hit.DocumentName, hit.Chunk.Start, hit.Chunk.End, hit.Chunk.Text, hit.Chunk.Id));
        }
        return new SectionEvidence(sb.ToString().TrimEnd(), citations);
    }
}

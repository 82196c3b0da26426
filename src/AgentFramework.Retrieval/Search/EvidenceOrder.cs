namespace AgentFramework.Retrieval;

/// <summary>How retrieved evidence is laid out in a prompt.</summary>
public enum EvidenceOrder
{
    /// <summary>By document, then by position in it: reads like the source.</summary>
    DocumentOrder,

    /// <summary>Best hits at both ends, weakest in the middle: long-context models neglect the middle ("lost in the middle").</summary>
    StrongestAtEnds,
}

/// <summary>Orders evidence for a prompt; pipelines call this on their top-k hits.</summary>
public static class EvidenceOrdering
{
    public static IReadOnlyList<SearchHit> Arrange(IReadOnlyList<SearchHit> hits, EvidenceOrder order) =>
        Arrange(hits, order, h => h.Score, h => (h.DocumentName, h.Chunk.Start));

    /// <summary>Generic form for other evidence types (facts, memories): needs a score and a (document, offset) position.</summary>
    public static IReadOnlyList<T> Arrange<T>(IReadOnlyList<T> items, EvidenceOrder order, Func<T, double> score, Func<T, (string Document, int Offset)> position)
    {
        if (order == EvidenceOrder.DocumentOrder)
            return items.OrderBy(i => position(i).Document, StringComparer.Ordinal).ThenBy(i => position(i).Offset).ToList();

        // Strongest first; then deal them alternately to the front and the back, so rank 1 opens, rank 2 closes,
        // rank 3 is second, rank 4 second to last... and the weakest meet in the middle.
        var ranked = items.Select((item, index) => (item, index)).OrderByDescending(p => score(p.item)).ThenBy(p => p.index).Select(p => p.item).ToList();
        var front = new List<T>(ranked.Count);
        var back = new List<T>(ranked.Count / 2 + 1);
        for (int i = 0; i < ranked.Count; i++)
            (i % 2 == 0 ? front : back).Add(ranked[i]);
        back.Reverse();
        front.AddRange(back);
        return front;
    }
}

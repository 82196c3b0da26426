using AgentFramework.Chunking;
using AgentFramework.Retrieval;

namespace AgentFramework.Tests.Retrieval;

public class EvidenceOrderingTests
{
    private static SearchHit Hit(string doc, int start, double score) =>
        new(new Chunk($"{doc}-{start}", doc, 0, start, start + 1, "x", 1, null), doc, score);

    [Fact]
    public void Strongest_hits_sit_at_both_ends_and_the_weakest_in_the_middle()
    {
        var hits = new[] { Hit("d", 0, 0.5), Hit("d", 10, 0.9), Hit("d", 20, 0.1), Hit("d", 30, 0.7), Hit("d", 40, 0.3) };
        var arranged = EvidenceOrdering.Arrange(hits, EvidenceOrder.StrongestAtEnds);
        Assert.Equal([0.9, 0.5, 0.1, 0.3, 0.7], arranged.Select(h => h.Score));
    }

    [Fact]
    public void Document_order_sorts_by_document_then_offset()
    {
        var hits = new[] { Hit("b", 5, 0.9), Hit("a", 50, 0.1), Hit("a", 7, 0.5) };
        var arranged = EvidenceOrdering.Arrange(hits, EvidenceOrder.DocumentOrder);
        Assert.Equal(["a-7", "a-50", "b-5"], arranged.Select(h => h.Chunk.Id));
    }

    [Fact]
    public void Keeps_every_item_exactly_once()
    {
        var hits = Enumerable.Range(0, 9).Select(i => Hit("d", i, i % 4)).ToArray();
        var arranged = EvidenceOrdering.Arrange(hits, EvidenceOrder.StrongestAtEnds);
        Assert.Equal(hits.Select(h => h.Chunk.Id).Order(), arranged.Select(h => h.Chunk.Id).Order());
        Assert.Empty(EvidenceOrdering.Arrange([], EvidenceOrder.StrongestAtEnds));
    }
}

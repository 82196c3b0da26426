using AgentFramework.Retrieval;

namespace AgentFramework.Tests.Retrieval;

public class ReciprocalRankFusionTests
{
    [Fact]
    public void Fuses_known_lists_with_k_60()
    {
        var bm25 = new[] { "a", "b", "c" };
        var vector = new[] { "c", "a", "d" };
        var fused = ReciprocalRankFusion.Fuse([bm25, vector]);

        Assert.Equal(["a", "c", "b", "d"], fused.Select(f => f.Key));
        Assert.Equal(1.0 / 61 + 1.0 / 62, fused[0].Score, 12);
        Assert.Equal(1.0 / 63 + 1.0 / 61, fused[1].Score, 12);
        Assert.Equal(1.0 / 62, fused[2].Score, 12);
        Assert.Equal(1.0 / 63, fused[3].Score, 12);
    }

    [Fact]
    public void An_item_in_both_lists_beats_the_top_of_one_list()
    {
        var fused = ReciprocalRankFusion.Fuse([new[] { "x", "both" }, new[] { "y", "both" }]);
        Assert.Equal("both", fused[0].Key);
    }

    [Fact]
    public void Ties_keep_first_appearance_and_empty_lists_are_fine()
    {
        var fused = ReciprocalRankFusion.Fuse([new[] { "p" }, Array.Empty<string>(), new[] { "q" }]);
        Assert.Equal(["p", "q"], fused.Select(f => f.Key));
        Assert.Empty(ReciprocalRankFusion.Fuse(Array.Empty<IReadOnlyList<int>>()));
    }

    [Fact]
    public void Smaller_k_weights_top_ranks_more()
    {
        var lists = new[] { new[] { "a", "b", "c", "d" }, new[] { "d", "c", "b", "a" } };
        var k0 = ReciprocalRankFusion.Fuse(lists, k: 0);
        Assert.Equal(1.0 / 1 + 1.0 / 4, k0.Single(f => f.Key == "a").Score, 12);
    }
}

using AgentFramework.Onnx.Generation;

namespace AgentFramework.Tests.Onnx;

public sealed class PrefixCacheTests
{
    [Fact]
    public void Longest_common_prefix_wins_and_never_covers_the_whole_prompt()
    {
        var cache = new PrefixCache(1 << 20);
        cache.Add([1, 2, 3, 4, 5], Snapshot(5));
        cache.Add([1, 2, 9], Snapshot(3));
        var hit = cache.Find([1, 2, 3, 4, 7, 8]);
        Assert.Equal(4, hit!.Value.Length);
        Assert.Equal(5, hit.Value.Snapshot.Length);
        Assert.Equal(4, cache.Find([1, 2, 3, 4, 5])!.Value.Length); // the last prompt token must still run
        Assert.Null(cache.Find([7, 7, 7]));
    }

    [Fact]
    public void Evicts_least_recently_used_entries_beyond_the_byte_bound()
    {
        long each = Snapshot(4).Bytes;
        var cache = new PrefixCache(each * 2);
        cache.Add([1, 1, 1, 1], Snapshot(4));
        cache.Add([2, 2, 2, 2], Snapshot(4));
        Assert.NotNull(cache.Find([1, 1, 1, 1, 5]));   // touch entry 1
        cache.Add([3, 3, 3, 3], Snapshot(4));           // evicts entry 2
        Assert.Equal(2, cache.Count);
        Assert.True(cache.Bytes <= cache.CapacityBytes);
        Assert.Null(cache.Find([2, 2, 2, 2, 5]));
        Assert.NotNull(cache.Find([1, 1, 1, 1, 5]));
    }

    [Fact]
    public void A_longer_prompt_supersedes_its_own_prefix()
    {
        var cache = new PrefixCache(1 << 20);
        cache.Add([1, 2, 3], Snapshot(3));
        cache.Add([1, 2, 3, 4, 5], Snapshot(5));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Truncated_copy_keeps_the_first_positions_of_every_head()
    {
        // [2 kv-heads, 3 positions, head size 2] of int16-sized elements, values = position-major markers.
        var snapshot = KvSnapshotFactory(heads: 2, length: 3, headSize: 2);
        var destination = new byte[2 * 2 * 2 * 2];
        snapshot.CopyPrefix(0, 2, destination);
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(destination).ToArray();
        Assert.Equal(new short[] { 0, 1, 2, 3, 6, 7, 8, 9 }, values);
    }

    private static KvSnapshot Snapshot(int length) => KvSnapshotFactory(1, length, 4);

    private static KvSnapshot KvSnapshotFactory(int heads, int length, int headSize)
    {
        var data = Enumerable.Range(0, heads * length * headSize).Select(i => (short)i).ToArray();
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()).ToArray();
        return KvSnapshot.FromBytes([bytes], length, outer: heads, rowBytes: headSize * 2);
    }
}

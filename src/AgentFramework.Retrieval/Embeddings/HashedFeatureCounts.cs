namespace AgentFramework.Retrieval.Embeddings;

/// <summary>
/// Counts per 64-bit feature hash, kept in first-seen order (the order a <c>Dictionary</c> without removals enumerates,
/// which the hashing embedding sums in). Open addressing over plain arrays rather than <c>Dictionary&lt;ulong, int&gt;</c>:
/// that instantiation is not in the framework's ReadyToRun image, so a short run compiled it at start-up and ran it
/// unoptimised over every word of a document (issue 15). Reused across texts through <see cref="Clear"/>.
/// </summary>
internal sealed class HashedFeatureCounts
{
    private ulong[] _hashes = new ulong[64];
    private int[] _counts = new int[64];
    private int[] _slots = new int[128]; // index + 1 into _hashes; 0 = empty; length a power of two, at most half full
    private int _count;

    /// <summary>The number of distinct features.</summary>
    public int Count => _count;

    /// <summary>The <paramref name="i"/>-th distinct feature's hash, in first-seen order.</summary>
    public ulong HashAt(int i) => _hashes[i];

    /// <summary>How often the <paramref name="i"/>-th distinct feature occurred.</summary>
    public int CountAt(int i) => _counts[i];

    public void Clear()
    {
        if (_count == 0) return;
        Array.Clear(_slots);
        _count = 0;
    }

    public void Add(ulong hash)
    {
        int mask = _slots.Length - 1;
        // The hashes are already avalanched: their low bits are as good as any.
        for (int slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                if (_count == _hashes.Length) Array.Resize(ref _hashes, _count * 2);
                if (_count == _counts.Length) Array.Resize(ref _counts, _count * 2);
                _hashes[_count] = hash;
                _counts[_count] = 1;
                _slots[slot] = ++_count;
                if (_count * 2 > _slots.Length) Rehash();
                return;
            }
            if (_hashes[entry - 1] == hash)
            {
                _counts[entry - 1]++;
                return;
            }
        }
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        int mask = _slots.Length - 1;
        for (int i = 0; i < _count; i++)
        {
            int slot = (int)_hashes[i] & mask;
            while (_slots[slot] != 0) slot = (slot + 1) & mask;
            _slots[slot] = i + 1;
        }
    }
}

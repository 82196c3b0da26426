namespace AgentFramework.Onnx.Generation;

/// <summary>
/// KV states of recent prompts, least recently used evicted first, bounded in bytes. A new prompt reuses the entry
/// sharing its longest common token prefix, so many questions over one document prefill the document once. Reused
/// states are bit-for-bit the ones a full prefill computed, so output does not change. Thread-safe.
/// </summary>
public sealed class PrefixCache(long capacityBytes)
{
    private readonly LinkedList<Entry> _entries = new();
    private readonly Lock _lock = new();

    private sealed record Entry(int[] Tokens, KvSnapshot Snapshot);

    public long CapacityBytes { get; } = capacityBytes;

    public long Bytes { get; private set; }

    public int Count { get { lock (_lock) return _entries.Count; } }

    /// <summary>
    /// The entry with the longest common prefix with <paramref name="tokens"/>, and how many positions of it apply
    /// (never all of <paramref name="tokens"/>: the last prompt token must run to produce logits).
    /// </summary>
    public (KvSnapshot Snapshot, int Length)? Find(IReadOnlyList<int> tokens)
    {
        lock (_lock)
        {
            LinkedListNode<Entry>? bestNode = null;
            int best = 0;
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                var stored = node.Value.Tokens;
                int limit = Math.Min(stored.Length, tokens.Count - 1), n = 0;
                while (n < limit && stored[n] == tokens[n]) n++;
                if (n > best) { best = n; bestNode = node; }
            }
            if (bestNode is null) return null;
            _entries.Remove(bestNode);
            _entries.AddFirst(bestNode);
            return (bestNode.Value.Snapshot, best);
        }
    }

    /// <summary>Whether a state of <paramref name="bytes"/> bytes can be stored at all (skip the copy otherwise).</summary>
    public bool Fits(long bytes) => bytes <= CapacityBytes;

    public void Add(int[] tokens, KvSnapshot snapshot)
    {
        if (!Fits(snapshot.Bytes) || tokens.Length != snapshot.Length) return;
        lock (_lock)
        {
            // Drop entries this one supersedes (their tokens are a prefix of ours).
            for (var node = _entries.First; node is not null;)
            {
                var next = node.Next;
                var stored = node.Value.Tokens;
                if (stored.Length <= tokens.Length && stored.AsSpan().SequenceEqual(tokens.AsSpan(0, stored.Length)))
                {
                    Bytes -= node.Value.Snapshot.Bytes;
                    _entries.Remove(node);
                }
                node = next;
            }
            _entries.AddFirst(new Entry(tokens, snapshot));
            Bytes += snapshot.Bytes;
            while (Bytes > CapacityBytes && _entries.Last is { } last)
            {
                Bytes -= last.Value.Snapshot.Bytes;
                _entries.RemoveLast();
            }
        }
    }

    public void Clear()
    {
        lock (_lock) { _entries.Clear(); Bytes = 0; }
    }
}

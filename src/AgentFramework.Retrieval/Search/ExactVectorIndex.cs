using System.Numerics.Tensors;

namespace AgentFramework.Retrieval;

/// <summary>
/// Exact cosine search over an in-memory row-major matrix of unit vectors (one contiguous float array, so a scan is
/// a stream of SIMD dot products). Not thread-safe for writes; searches may run concurrently once built.
/// </summary>
public sealed class ExactVectorIndex
{
    private float[] _matrix;
    private long[] _keys;
    private int[] _groups;

    public ExactVectorIndex(int dimensions, int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
        capacity = Math.Max(capacity, 1);
        _matrix = new float[(long)capacity * dimensions];
        _keys = new long[capacity];
        _groups = new int[capacity];
    }

    public int Dimensions { get; }

    public int Count { get; private set; }

    /// <summary>Adds a vector (normalised here) under <paramref name="key"/>; <paramref name="group"/> is what filters select on.</summary>
    public void Add(long key, ReadOnlySpan<float> vector, int group = 0)
    {
        if (vector.Length != Dimensions) throw new ArgumentException($"expected {Dimensions} dimensions, got {vector.Length}", nameof(vector));
        if (Count == _keys.Length) Grow();
        var row = _matrix.AsSpan(Count * Dimensions, Dimensions);
        vector.CopyTo(row);
        float norm = TensorPrimitives.Norm(row);
        if (norm > 0) TensorPrimitives.Divide(row, norm, row);
        _keys[Count] = key;
        _groups[Count] = group;
        Count++;
    }

    private void Grow()
    {
        int capacity = checked(Math.Max(16, _keys.Length + _keys.Length / 2));
        Array.Resize(ref _matrix, checked(capacity * Dimensions));
        Array.Resize(ref _keys, capacity);
        Array.Resize(ref _groups, capacity);
    }

    /// <summary>The <paramref name="k"/> rows most cosine-similar to <paramref name="query"/>, best first.</summary>
    /// <param name="group">When set, only rows added with this group are considered.</param>
    public IReadOnlyList<(long Key, float Score)> Search(ReadOnlySpan<float> query, int k, int? group = null)
    {
        if (query.Length != Dimensions) throw new ArgumentException($"expected {Dimensions} dimensions, got {query.Length}", nameof(query));
        if (k <= 0 || Count == 0) return [];
        var unit = query.ToArray();
        float norm = TensorPrimitives.Norm(unit);
        if (norm > 0) TensorPrimitives.Divide(unit, norm, unit);

        // Large scans split across cores, each keeping its own top-k; small ones stay on the caller's thread.
        int partitions = Count >= 200_000 ? Math.Max(1, Environment.ProcessorCount) : 1;
        var partials = new List<(int Row, float Score)>[partitions];
        int per = (Count + partitions - 1) / partitions;
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = partitions }, p =>
            partials[p] = TopK(unit, k, p * per, Math.Min(Count, (p + 1) * per), group));

        return partials.SelectMany(x => x)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Row)
            .Take(k)
            .Select(x => (_keys[x.Row], x.Score))
            .ToList();
    }

    private List<(int Row, float Score)> TopK(float[] query, int k, int from, int to, int? group)
    {
        var heap = new PriorityQueue<int, float>(k + 1); // min-heap on score: the root is the weakest kept row
        var matrix = _matrix.AsSpan();
        for (int row = from; row < to; row++)
        {
            if (group is { } g && _groups[row] != g) continue;
            float score = TensorPrimitives.Dot(query, matrix.Slice(row * Dimensions, Dimensions));
            if (heap.Count < k) heap.Enqueue(row, score);
            else if (heap.TryPeek(out _, out var weakest) && score > weakest) heap.DequeueEnqueue(row, score);
        }
        var result = new List<(int, float)>(heap.Count);
        while (heap.TryDequeue(out var row, out var score)) result.Add((row, score));
        return result;
    }
}

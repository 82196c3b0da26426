using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace AgentFramework.Onnx.Generation;

/// <summary>
/// Chooses the next token from one row of logits: greedy on the raw fp16/fp32 values when no penalty or sampling is
/// asked for (the fast path), else repetition penalty, temperature, top-k, top-p and a seeded draw on a float copy.
/// One instance per generation (it holds the random state and scratch buffers).
/// </summary>
internal sealed class TokenSampler
{
    private readonly SamplingSettings _settings;
    private readonly Random _random;
    private float[] _scratch = [];
    private int[] _order = [];

    public TokenSampler(SamplingSettings settings)
    {
        _settings = settings;
        _random = settings.Seed is { } seed ? new Random(seed) : Random.Shared;
    }

    private bool NeedsFloats => !_settings.IsGreedy || _settings.RepetitionPenalty != 1f;

    public int NextFromFloat16(ReadOnlySpan<ushort> logits, IReadOnlyCollection<int> seen)
    {
        if (!NeedsFloats) return FastArgmax.ArgmaxFloat16(logits);
        var floats = Scratch(logits.Length);
        TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<ushort, Half>(logits), floats);
        return Choose(floats, seen);
    }

    public int NextFromFloat32(ReadOnlySpan<float> logits, IReadOnlyCollection<int> seen)
    {
        if (!NeedsFloats) return FastArgmax.ArgmaxFloat32(logits);
        var floats = Scratch(logits.Length);
        logits.CopyTo(floats);
        return Choose(floats, seen);
    }

    private Span<float> Scratch(int length)
    {
        if (_scratch.Length != length) { _scratch = new float[length]; _order = new int[length]; _keys = new float[length]; }
        return _scratch;
    }

    private float[] _keys = [];

    private int Choose(Span<float> logits, IReadOnlyCollection<int> seen)
    {
        if (_settings.RepetitionPenalty != 1f)
        {
            float p = _settings.RepetitionPenalty;
            foreach (var id in seen)
                if ((uint)id < (uint)logits.Length) logits[id] = logits[id] > 0 ? logits[id] / p : logits[id] * p;
        }
        if (_settings.IsGreedy) return TensorPrimitives.IndexOfMax(logits);
        TensorPrimitives.Divide(logits, _settings.Temperature, logits);

        int n = logits.Length;
        bool topP = _settings.TopP is > 0f and < 1f;
        int k = _settings.TopK is > 0 and var topK ? Math.Min(topK, n) : n;
        if (k == n && !topP) return SampleAll(logits);

        // Candidates best first: all of them (top-p alone) or the k best (top-k), sorted descending.
        var order = _order.AsSpan(0, n);
        var keys = _keys.AsSpan(0, n);
        for (int i = 0; i < n; i++) { order[i] = i; keys[i] = -logits[i]; }
        if (k < n)
        {
            int kth = SelectKth(keys, order, k);   // partitions so the k best come first
            keys = keys[..kth]; order = order[..kth];
        }
        keys.Sort(order);
        int keep = order.Length;

        float max = logits[order[0]];
        var probs = _keys.AsSpan(0, keep);         // reuse: keys are no longer needed
        float sum = 0;
        for (int i = 0; i < keep; i++) { probs[i] = MathF.Exp(logits[order[i]] - max); sum += probs[i]; }
        if (topP)
        {
            float cumulative = 0, limit = _settings.TopP!.Value * sum;
            for (int i = 0; i < keep; i++)
            {
                cumulative += probs[i];
                if (cumulative >= limit) { keep = i + 1; sum = cumulative; break; }
            }
        }
        double draw = _random.NextDouble() * sum;
        for (int i = 0; i < keep; i++)
        {
            draw -= probs[i];
            if (draw <= 0) return order[i];
        }
        return order[keep - 1];
    }

    // Plain temperature sampling: one pass for the normaliser, one for the draw; no sorting.
    private int SampleAll(Span<float> logits)
    {
        float max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, logits);
        TensorPrimitives.Exp(logits, logits);
        double draw = _random.NextDouble() * TensorPrimitives.Sum(logits);
        for (int i = 0; i < logits.Length; i++)
        {
            draw -= logits[i];
            if (draw <= 0) return i;
        }
        return TensorPrimitives.IndexOfMax(logits);
    }

    // Quickselect on keys (ascending = best first), moving the k smallest keys (with their ids) to the front.
    private static int SelectKth(Span<float> keys, Span<int> ids, int k)
    {
        int lo = 0, hi = keys.Length - 1;
        while (lo < hi)
        {
            float pivot = keys[(lo + hi) >>> 1];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (keys[i] < pivot) i++;
                while (keys[j] > pivot) j--;
                if (i <= j)
                {
                    (keys[i], keys[j]) = (keys[j], keys[i]);
                    (ids[i], ids[j]) = (ids[j], ids[i]);
                    i++; j--;
                }
            }
            if (k - 1 <= j) hi = j;
            else if (k - 1 >= i) lo = i;
            else break;
        }
        return k;
    }
}

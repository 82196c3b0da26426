using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace AgentFramework.Onnx.Generation;

/// <summary>
/// Chooses the next token from one row of logits: greedy on the raw fp16/fp32 values when no penalty or sampling is
/// asked for (the fast path), else repetition penalty, temperature, top-k, top-p and a seeded draw on a float copy.
/// One instance per generation (it holds the random state and scratch buffers).
/// </summary>
public sealed class TokenSampler
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
        if (_scratch.Length != length) { _scratch = new float[length]; _order = new int[length]; }
        return _scratch;
    }

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
        // Candidates sorted by logit, best first; keep top-k, then the smallest set whose probability reaches top-p.
        int n = logits.Length;
        var order = _order.AsSpan(0, n);
        for (int i = 0; i < n; i++) order[i] = i;
        var keys = new float[n];
        for (int i = 0; i < n; i++) keys[i] = -logits[i];
        keys.AsSpan().Sort(order);
        int keep = _settings.TopK is > 0 and var k ? Math.Min(k, n) : n;

        float max = logits[order[0]];
        var probs = new float[keep];
        float sum = 0;
        for (int i = 0; i < keep; i++) { probs[i] = MathF.Exp(logits[order[i]] - max); sum += probs[i]; }
        if (_settings.TopP is > 0f and < 1f and var topP)
        {
            float cumulative = 0;
            for (int i = 0; i < keep; i++)
            {
                cumulative += probs[i] / sum;
                if (cumulative >= topP) { keep = i + 1; break; }
            }
            sum = 0;
            for (int i = 0; i < keep; i++) sum += probs[i];
        }
        double draw = _random.NextDouble() * sum;
        for (int i = 0; i < keep; i++)
        {
            draw -= probs[i];
            if (draw <= 0) return order[i];
        }
        return order[keep - 1];
    }
}

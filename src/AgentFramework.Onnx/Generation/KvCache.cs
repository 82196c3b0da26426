using Microsoft.ML.OnnxRuntime;

namespace AgentFramework.Onnx.Generation;

/// <summary>
/// The decoder's KV state after <see cref="Length"/> positions: one OrtValue per past input, in signature order.
/// Owns the values (or the Run result holding them) and frees them on dispose.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly IDisposable? _owner;
    private bool _disposed;

    internal KvCache(IReadOnlyList<OrtValue> values, int length, IDisposable? owner)
    {
        Values = values;
        Length = length;
        _owner = owner;
    }

    public IReadOnlyList<OrtValue> Values { get; }

    /// <summary>Number of positions (tokens) the cache holds.</summary>
    public int Length { get; }

    /// <summary>An empty cache (zero positions) for the first run.</summary>
    public static KvCache Empty(DecoderSignature signature)
    {
        var values = signature.PastNames
            .Select(_ => OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, signature.KvType, signature.PastShape(0)))
            .ToArray();
        return new KvCache(values, 0, null);
    }

    /// <summary>A cache built from managed copies (the prefix cache), truncated to <paramref name="length"/> positions.</summary>
    public static KvCache FromSnapshot(DecoderSignature signature, KvSnapshot snapshot, int length)
    {
        var values = new OrtValue[snapshot.Tensors.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, signature.KvType, signature.PastShape(length));
            snapshot.CopyPrefix(i, length, OrtValueBytes.Write(values[i], signature.KvType));
        }
        return new KvCache(values, length, null);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_owner is not null) _owner.Dispose();
        else foreach (var v in Values) v.Dispose();
    }
}

using Microsoft.ML.OnnxRuntime;

namespace AgentFramework.Onnx.Generation;

/// <summary>
/// A managed copy of a KV cache (what the prefix cache stores). Past tensors are [..outer.., seq, head_size]; a prefix
/// of L positions is, for every outer index, the first L rows, so truncation copies outer blocks of L*head_size.
/// </summary>
public sealed class KvSnapshot
{
    private readonly int _outer;      // product of the dims before the sequence axis
    private readonly int _rowBytes;   // head_size * element size

    private KvSnapshot(byte[][] tensors, int length, int outer, int rowBytes)
    {
        Tensors = tensors; Length = length; _outer = outer; _rowBytes = rowBytes;
    }

    public byte[][] Tensors { get; }

    public int Length { get; }

    public long Bytes => Tensors.Sum(t => (long)t.Length);

    /// <summary>A snapshot over raw tensors of <paramref name="outer"/> blocks of <paramref name="length"/> rows.</summary>
    internal static KvSnapshot FromBytes(byte[][] tensors, int length, int outer, int rowBytes) => new(tensors, length, outer, rowBytes);

    public static KvSnapshot Capture(DecoderSignature signature, KvCache cache)
    {
        var shape = signature.PastShape(cache.Length);
        int outer = (int)shape[..signature.SequenceAxis].Aggregate(1L, (a, b) => a * b);
        int rowBytes = (int)shape[^1] * signature.KvElementSize;
        var tensors = cache.Values.Select(v => OrtValueBytes.Read(v, signature.KvType).ToArray()).ToArray();
        return new KvSnapshot(tensors, cache.Length, outer, rowBytes);
    }

    /// <summary>Copies the first <paramref name="length"/> positions of tensor <paramref name="index"/> into <paramref name="destination"/>.</summary>
    public void CopyPrefix(int index, int length, Span<byte> destination)
    {
        var source = Tensors[index].AsSpan();
        int block = length * _rowBytes, stride = Length * _rowBytes;
        for (int o = 0; o < _outer; o++)
            source.Slice(o * stride, block).CopyTo(destination.Slice(o * block, block));
    }
}

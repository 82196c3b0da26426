using System.Text;

namespace AgentFramework.Onnx.Tokenization;

/// <summary>
/// Minimal protobuf wire-format writer: enough to synthesise a SentencePiece model (and, in tests, tiny ONNX graphs)
/// without a code generator.
/// </summary>
internal sealed class ProtobufWriter
{
    private readonly List<byte> _bytes = [];

    public byte[] ToArray() => [.. _bytes];

    public ProtobufWriter Varint(int field, long value) { Tag(field, 0); WriteVarint((ulong)value); return this; }

    public ProtobufWriter Bool(int field, bool value) => Varint(field, value ? 1 : 0);

    public ProtobufWriter Float(int field, float value)
    {
        Tag(field, 5);
        _bytes.AddRange(BitConverter.GetBytes(value));
        return this;
    }

    public ProtobufWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        WriteVarint((ulong)value.Length);
        foreach (var b in value) _bytes.Add(b);
        return this;
    }

    public ProtobufWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtobufWriter Message(int field, ProtobufWriter message) => Bytes(field, message.ToArray());

    /// <summary>Appends already-encoded fields verbatim (used when editing a message).</summary>
    public ProtobufWriter Raw(ReadOnlySpan<byte> encoded)
    {
        _bytes.AddRange(encoded);
        return this;
    }

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80) { _bytes.Add((byte)(value | 0x80)); value >>= 7; }
        _bytes.Add((byte)value);
    }
}

using System.Text;

namespace AgentFramework.Onnx.Generation;

/// <summary>One protobuf field inside a buffer: where its tag starts, where its payload starts and ends.</summary>
internal readonly record struct ProtoField(int Number, int WireType, int Start, int PayloadStart, int End);

/// <summary>Reads the fields of one protobuf message (no schema): enough to inspect and edit ONNX graphs at load.</summary>
internal static class ProtoFields
{
    public static List<ProtoField>? Parse(byte[] data, int start, int end)
    {
        var fields = new List<ProtoField>();
        int pos = start;
        while (pos < end)
        {
            int fieldStart = pos;
            if (!TryVarint(data, ref pos, end, out var tag)) return null;
            int number = (int)(tag >> 3), wire = (int)(tag & 7);
            int payloadStart = pos;
            switch (wire)
            {
                case 0: if (!TryVarint(data, ref pos, end, out _)) return null; break;
                case 1: pos += 8; break;
                case 5: pos += 4; break;
                case 2:
                    if (!TryVarint(data, ref pos, end, out var length) || length > (ulong)(end - pos)) return null;
                    payloadStart = pos;
                    pos += (int)length;
                    break;
                default: return null;
            }
            if (pos > end) return null;
            fields.Add(new ProtoField(number, wire, fieldStart, payloadStart, pos));
        }
        return fields;
    }

    public static string Text(byte[] data, ProtoField f) => Encoding.UTF8.GetString(data, f.PayloadStart, f.End - f.PayloadStart);

    public static ulong Varint(byte[] data, ProtoField f)
    {
        int pos = f.PayloadStart;
        return TryVarint(data, ref pos, f.End, out var value) ? value : 0;
    }

    public static bool TryVarint(byte[] data, ref int pos, int end, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && pos < end; shift += 7)
        {
            byte b = data[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return true;
        }
        return false;
    }
}

namespace AgentFramework.Documents;

/// <summary>Heuristic used by git and most editors: NUL bytes or many control bytes in the first 8 KB mean binary.</summary>
internal static class BinaryDetector
{
    public const int SampleBytes = 8192;

    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        // UTF-16 text legitimately contains NUL bytes; we only accept it with a BOM.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return false;
        var sample = bytes[..Math.Min(bytes.Length, SampleBytes)];
        if (sample.IsEmpty) return false;
        if (sample.Contains((byte)0)) return true;
        int control = 0;
        foreach (var b in sample)
            if ((b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or 0x1B or 0x08)) || b == 0x7F)
                control++;
        return control > sample.Length / 10;
    }
}

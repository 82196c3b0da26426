using System.IO.Compression;

namespace AgentFramework.Documents.Readers;

/// <summary>
/// Before a PDF is parsed, inflates each of its Flate (zlib) streams into a scratch buffer, counting bytes, and stops
/// at the per-file limit: a 195 KB PDF whose stream inflates to 200 MB is refused in a fraction of a second instead of
/// being expanded and parsed for minutes. Streams that are not zlib (images, other filters) fail the header check at once.
/// </summary>
internal static class PdfStreamScan
{
    public static void CheckInflatedSize(string path, byte[] bytes, DocumentLimits limits, CancellationToken ct)
    {
        long total = 0;
        var scratch = new byte[64 * 1024];
        ReadOnlySpan<byte> keyword = "stream"u8;
        int from = 0;
        while (from < bytes.Length)
        {
            int found = bytes.AsSpan(from).IndexOf(keyword);
            if (found < 0) break;
            int at = from + found;
            from = at + keyword.Length;
            if (at >= 3 && bytes.AsSpan(at - 3, 3).SequenceEqual("end"u8)) continue;
            int data = from;
            if (data < bytes.Length && bytes[data] == '\r') data++;
            if (data < bytes.Length && bytes[data] == '\n') data++;
            if (data == from || data >= bytes.Length) continue; // "stream" must end its line
            ct.ThrowIfCancellationRequested();
            total += InflatedLength(bytes, data, scratch, limits.Options.MaxDecompressedBytes - total);
            if (total > limits.Options.MaxDecompressedBytes) throw limits.DecompressedTooLarge(path);
        }
        if (total > 0) limits.ChargeRun(path, total);
    }

    // Bytes the zlib stream at offset inflates to, reading at most budget + 1; 0 when it is not zlib.
    private static long InflatedLength(byte[] bytes, int offset, byte[] scratch, long budget)
    {
        long length = 0;
        try
        {
            using var inflate = new ZLibStream(new MemoryStream(bytes, offset, bytes.Length - offset, writable: false), CompressionMode.Decompress);
            int read;
            while ((read = inflate.Read(scratch)) > 0)
            {
                length += read;
                if (length > budget) break;
            }
        }
        catch (InvalidDataException)
        {
            // Not zlib, or truncated: PdfPig decides what it is.
        }
        return length;
    }
}

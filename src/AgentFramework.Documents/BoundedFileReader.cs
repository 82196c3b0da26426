using AgentFramework.Errors;

namespace AgentFramework.Documents;

/// <summary>
/// Opens only regular files and reads at most the size limit plus one byte, whatever the size on disk says (a file
/// that grows while read, a /proc file reporting size 0). Failures are <see cref="DocumentLoadException"/>s naming the file.
/// </summary>
/// <remarks>
/// Synchronous on purpose: a handle opened without <see cref="FileOptions.Asynchronous"/> reads asynchronously by
/// queueing each chunk to the thread pool, which for a local file costs more than the read and, in a short run, starts
/// the pool and compiles the async machinery (start-up, issue 15). The file lands in one array of its stated size.
/// </remarks>
internal static class BoundedFileReader
{
    public static byte[] Read(string path, string displayName, long maxBytes, CancellationToken ct)
    {
        var kind = FileKind.Of(path);
        if (kind == FileKindValue.Missing)
            throw new DocumentLoadException(displayName, $"{displayName}: no such file (a broken link?); check the path");
        if (kind != FileKindValue.Regular)
            throw new DocumentLoadException(displayName, $"{displayName}: is {FileKind.Describe(kind)}, not a regular file; only regular files are read");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            long known = stream.CanSeek ? stream.Length : 0;
            if (known > maxBytes) throw TooLarge(displayName, known, maxBytes);
            var buffer = new byte[known > 0 ? known : 81920];
            int length = 0;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                if (length == buffer.Length)
                {
                    // The stated size is read: one more byte says whether the file goes on (it grew, or stated none).
                    int next = stream.ReadByte();
                    if (next < 0) return buffer;
                    if (length + 1L > maxBytes) throw TooLarge(displayName, null, maxBytes);
                    Array.Resize(ref buffer, (int)Math.Min(Math.Max(buffer.Length * 2L, 81920), maxBytes + 1));
                    buffer[length++] = (byte)next;
                }
                int read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0) break;
                length += read;
                if (length > maxBytes) throw TooLarge(displayName, null, maxBytes);
            }
            return length == buffer.Length ? buffer : buffer[..length];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DocumentLoadException(displayName, $"{displayName}: cannot be read ({e.Message.ReplaceLineEndings(" ")}); check its permissions or copy it elsewhere", e);
        }
    }

    private static DocumentLoadException TooLarge(string path, long? size, long max) => new(path,
        $"{path}: the file is {(size is { } s ? $"{s} bytes" : "larger than that")}, over the {max}-byte limit; split it or raise the limit (DocumentLoaderOptions.MaxFileBytes)");
}

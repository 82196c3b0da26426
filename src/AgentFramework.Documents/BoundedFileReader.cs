using AgentFramework.Errors;

namespace AgentFramework.Documents;

/// <summary>
/// Opens only regular files and reads at most the size limit plus one byte, whatever the size on disk says (a file
/// that grows while read, a /proc file reporting size 0). Failures are <see cref="DocumentLoadException"/>s naming the file.
/// </summary>
internal static class BoundedFileReader
{
    public static async Task<byte[]> ReadAsync(string path, string displayName, long maxBytes, CancellationToken ct)
    {
        var kind = FileKind.Of(path);
        if (kind == FileKindValue.Missing)
            throw new DocumentLoadException(displayName, $"{displayName}: no such file (a broken link?); check the path");
        if (kind != FileKindValue.Regular)
            throw new DocumentLoadException(displayName, $"{displayName}: is {FileKind.Describe(kind)}, not a regular file; only regular files are read");
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            await using var streamScope = stream.ConfigureAwait(false);
            long known = stream.CanSeek ? stream.Length : 0;
            if (known > maxBytes) throw TooLarge(displayName, known, maxBytes);
            using var buffer = new MemoryStream(known > 0 ? (int)Math.Min(known, maxBytes) : 0);
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes) throw TooLarge(displayName, null, maxBytes);
            }
            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DocumentLoadException(displayName, $"{displayName}: cannot be read ({e.Message.ReplaceLineEndings(" ")}); check its permissions or copy it elsewhere", e);
        }
    }

    private static DocumentLoadException TooLarge(string path, long? size, long max) => new(path,
        $"{path}: the file is {(size is { } s ? $"{s} bytes" : "larger than that")}, over the {max}-byte limit; split it or raise the limit (DocumentLoaderOptions.MaxFileBytes)");
}

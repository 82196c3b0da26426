namespace AgentFramework.Documents.Readers;

/// <summary>
/// Reads an inflating stream (a zip entry, a Flate stream) and throws the limit error once more than the per-file
/// limit has come out, so a decompression bomb costs at most the limit in time and memory.
/// </summary>
internal sealed class InflateLimitStream(Stream inner, string path, DocumentLimits limits, Func<long> alreadyRead, Action<long> charge) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        if (read > 0)
        {
            if (alreadyRead() + read > limits.Options.MaxDecompressedBytes) throw limits.DecompressedTooLarge(path);
            charge(read);
            limits.ChargeRun(path, read);
        }
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

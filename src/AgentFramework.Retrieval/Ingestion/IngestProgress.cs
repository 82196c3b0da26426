namespace AgentFramework.Retrieval.Ingestion;

/// <summary>A snapshot of an ingest run, reported after each file.</summary>
public sealed record IngestProgress(int FilesDone, int FilesTotal, long ChunksDone, long BytesDone, long BytesTotal, TimeSpan Elapsed, string? CurrentFile)
{
    public double MegabytesPerSecond => Elapsed.TotalSeconds > 0 ? BytesDone / 1e6 / Elapsed.TotalSeconds : 0;

    /// <summary>Remaining time at the rate so far; null until something is done.</summary>
    public TimeSpan? Eta => BytesDone > 0 && Elapsed > TimeSpan.Zero
        ? TimeSpan.FromSeconds(Elapsed.TotalSeconds * (BytesTotal - BytesDone) / BytesDone)
        : null;

    public override string ToString() =>
        $"{FilesDone}/{FilesTotal} files, {ChunksDone} chunks, {BytesDone / 1e6:F1}/{BytesTotal / 1e6:F1} MB, {MegabytesPerSecond:F2} MB/s, ETA {(Eta is { } eta ? eta.ToString(@"hh\:mm\:ss") : "--:--:--")}";
}

/// <summary>What happened to one file.</summary>
/// <param name="Outcome">Null when the file was skipped (see <paramref name="Skipped"/>).</param>
public sealed record IngestFileResult(string Path, string? DocumentId, IngestOutcome? Outcome, int Chunks, long Bytes, string? Skipped);

/// <summary>The result of an ingest run.</summary>
public sealed record IngestSummary(IReadOnlyList<IngestFileResult> Files, TimeSpan Elapsed)
{
    public int Added => Files.Count(f => f.Outcome == IngestOutcome.Added);
    public int Replaced => Files.Count(f => f.Outcome == IngestOutcome.Replaced);
    public int Unchanged => Files.Count(f => f.Outcome == IngestOutcome.Unchanged);
    public int SkippedCount => Files.Count(f => f.Skipped is not null);
    public long Chunks => Files.Sum(f => (long)f.Chunks);
    public long Bytes => Files.Sum(f => f.Bytes);
    public double MegabytesPerSecond => Elapsed.TotalSeconds > 0 ? Bytes / 1e6 / Elapsed.TotalSeconds : 0;
}

using System.Text;
using System.Text.Json;
using AgentFramework.Errors;

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// results.jsonl: one <see cref="CaseResult"/> per line, appended as each case finishes, so an interrupted run loses
/// at most the cases in flight. Each row is one write of the whole line to a file opened for appending, and only the
/// run holding the folder's lock (<see cref="LockFolderAsync"/>) writes, so rows never interleave. On resume, keys with
/// a successful row are skipped; failed rows are retried and the newest row per key wins. A torn last line (killed
/// mid-write) is cut off when the journal is opened again.
/// </summary>
public sealed class ResultsJournal : IDisposable
{
    public const string LockFile = ".agentfw-bench.lock";

    private readonly FileStream _stream;
    private readonly Lock _gate = new();

    public string Path { get; }

    public ResultsJournal(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        RepairTornTail(path);
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1);
    }

    /// <summary>
    /// Takes the output folder for this process: a second run on the same folder waits (calling
    /// <paramref name="waiting"/> once) until the first ends. The lock is the operating system's, so a killed run
    /// releases it. Dispose to release.
    /// </summary>
    /// <exception cref="InvalidOptionException">The folder path names a file.</exception>
    public static async Task<IDisposable> LockFolderAsync(string folder, Action<string>? waiting = null, CancellationToken cancellationToken = default)
    {
        if (File.Exists(folder))
            throw new InvalidOptionException("ResultsJournal.Folder", $"ResultsJournal.Folder {folder}: is a file; give a folder for the results (it is created when missing)");
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOptionException("ResultsJournal.Folder", $"ResultsJournal.Folder {folder}: cannot create the folder ({e.Message}); choose a writable location");
        }
        var lockPath = System.IO.Path.Combine(folder, LockFile);
        bool told = false;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (File.Exists(lockPath))
            {
                if (!told) waiting?.Invoke($"waiting: another run is writing {folder} (lock {lockPath}); this run resumes from its results when it ends");
                told = true;
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new InvalidOptionException("ResultsJournal.Folder", $"ResultsJournal.Folder {folder}: cannot write the lock file ({e.Message}); choose a writable folder");
            }
        }
    }

    /// <summary>Rows in the file, newest per key, in first-seen order. Unreadable lines are skipped.</summary>
    public static IReadOnlyList<CaseResult> Read(string path)
    {
        var rows = new Dictionary<string, CaseResult>();
        var order = new List<string>();
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            CaseResult? row;
            try { row = JsonSerializer.Deserialize<CaseResult>(line, ReportJson.Line); }
            catch (JsonException) { continue; }
            if (row is null) continue;
            if (!rows.ContainsKey(row.Key)) order.Add(row.Key);
            rows[row.Key] = row;
        }
        return order.Select(k => rows[k]).ToList();
    }

    /// <summary>Keys that need no rerun: their newest row has no error.</summary>
    public static IReadOnlySet<string> FinishedKeys(string path) =>
        Read(path).Where(r => r.Error is null).Select(r => r.Key).ToHashSet();

    public void Append(CaseResult result)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(result, ReportJson.Line) + "\n");
        lock (_gate)
        {
            _stream.Write(line); // one write of the whole row (O_APPEND): never half a row followed by another
            _stream.Flush(flushToDisk: false);
        }
    }

    public void Dispose() => _stream.Dispose();

    // A process killed mid-line leaves a last line without its newline: cut it off, its case is run again.
    private static void RepairTornTail(string path)
    {
        if (!File.Exists(path)) return;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        long length = stream.Length;
        if (length == 0) return;
        var buffer = new byte[64 * 1024];
        long end = length;
        while (end > 0)
        {
            int size = (int)Math.Min(buffer.Length, end);
            stream.Seek(end - size, SeekOrigin.Begin);
            stream.ReadExactly(buffer, 0, size);
            int newline = Array.LastIndexOf(buffer, (byte)'\n', size - 1, size);
            if (newline >= 0)
            {
                long keep = end - size + newline + 1;
                if (keep != length) stream.SetLength(keep);
                return;
            }
            end -= size;
        }
        stream.SetLength(0); // one torn line and nothing else
    }
}

using System.Text.Json;

namespace AgentFramework.Evaluation.Reports;

/// <summary>
/// results.jsonl: one <see cref="CaseResult"/> per line, appended and flushed as each case finishes, so an
/// interrupted run loses at most the cases in flight. On resume, keys with a successful row are skipped; failed rows
/// are retried and the newest row per key wins. A torn last line (killed mid-write) is ignored.
/// </summary>
public sealed class ResultsJournal : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public string Path { get; }

    public ResultsJournal(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        RepairTornTail(path);
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
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
        var line = JsonSerializer.Serialize(result, ReportJson.Line);
        lock (_gate) _writer.WriteLine(line);
    }

    public void Dispose() => _writer.Dispose();

    // A process killed mid-line leaves text without a newline; start the next row on a fresh line.
    private static void RepairTornTail(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0) return;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Seek(-1, SeekOrigin.End);
        if (stream.ReadByte() != '\n') stream.WriteByte((byte)'\n');
    }
}

using System.Text.Json;
using AgentFramework.Errors;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>The file formats the harness reads.</summary>
public enum DatasetFormat { LEval, Lara, SummHay, LongBench, LongBenchWrite }

/// <summary>Recognises a dataset file or folder by its shape (field names of the first record), not its name.</summary>
public static class DatasetFormatDetector
{
    private static readonly Lock Gate = new();
    private static (string Path, DateTime Written, long Length, DatasetFormat? Format)? _last; // every provider asks about the same path in turn

    /// <summary>The format of the file or folder; a user error naming it when it is none the harness reads.</summary>
    public static DatasetFormat Detect(string path) => TryDetect(path) ?? throw Unrecognised(path);

    /// <summary>The format of the file or folder, or null when its shape is none of them (a missing file is still an error).</summary>
    public static DatasetFormat? TryDetect(string path)
    {
        var full = Path.GetFullPath(path);
        bool folder = Directory.Exists(full);
        var written = folder ? Directory.GetLastWriteTimeUtc(full) : File.GetLastWriteTimeUtc(full);
        long length = !folder && File.Exists(full) ? new FileInfo(full).Length : -1;
        lock (Gate)
            if (_last is { } last && last.Path == full && last.Written == written && last.Length == length) return last.Format;
        var format = DetectUncached(path);
        lock (Gate) _last = (full, written, length, format);
        return format;
    }

    private static DatasetFormat? DetectUncached(string path)
    {
        if (Directory.Exists(path))
        {
            if (Directory.Exists(Path.Combine(path, "query"))) return DatasetFormat.Lara;
            if (Directory.EnumerateFiles(path, "*.json").Any()) return DatasetFormat.SummHay;
            return null;
        }
        JsonRecords.RequireFile(path);
        if (IsSummHayFile(path)) return DatasetFormat.SummHay;
        var first = FirstRecord(path);
        if (first.ValueKind != JsonValueKind.Object) return null;
        bool Has(string field) => first.TryGetProperty(field, out _);
        if (Has("instructions") && Has("outputs") && Has("input")) return DatasetFormat.LEval;
        if (Has("choice_A") || (Has("answers") && Has("context"))) return DatasetFormat.LongBench;
        if (Has("prompt") && Has("length")) return DatasetFormat.LongBenchWrite;
        if (Has("question") && Has("answer") && Has("file")) return DatasetFormat.Lara;
        return null;
    }

    private static JsonElement FirstRecord(string path) => JsonRecords.Read(path).Select(r => r.Record).FirstOrDefault();

    private static DocumentLoadException Unrecognised(string path) =>
        Directory.Exists(path)
            ? new DocumentLoadException(path, $"{path}: folder is neither a LaRA folder (query/) nor Summary of a Haystack JSON files.")
            : FirstRecord(path).ValueKind != JsonValueKind.Object
                ? new DocumentLoadException(path, $"{path}: no records found.")
                : new DocumentLoadException(path,
                    $"{path}: unrecognised records; expected L-Eval, LaRA query, Summary of a Haystack, LongBench v1/v2 or LongBench-Write JSON.");

    // A SummHay haystack is one large JSON object, so look for its keys near the start instead of parsing it all.
    private static bool IsSummHayFile(string path)
    {
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return false;
        using var reader = new StreamReader(path);
        var buffer = new char[4096];
        int read = reader.ReadBlock(buffer, 0, buffer.Length);
        var head = new string(buffer, 0, read).TrimStart();
        return head.StartsWith('{') && (head.Contains("\"topic_id\"") || head.Contains("\"subtopics\"") || head.Contains("\"documents\""));
    }
}

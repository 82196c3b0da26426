using System.Text.Json;
using AgentFramework.Errors;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// Reads benchmark records from JSON Lines (blank lines skipped) or from a JSON array, reporting the file and line of
/// malformed input as a <see cref="DocumentLoadException"/>.
/// </summary>
internal static class JsonRecords
{
    public static IEnumerable<(int Line, JsonElement Record)> Read(string path)
    {
        RequireFile(path);
        using var reader = new StreamReader(path);
        int first;
        do first = reader.Peek(); while (first >= 0 && char.IsWhiteSpace((char)first) && reader.Read() >= 0);
        if (first == '[')
        {
            JsonDocument array;
            try { array = JsonDocument.Parse(reader.ReadToEnd()); }
            catch (JsonException e) { throw new DocumentLoadException(path, $"{path}: not valid JSON ({e.Message})."); }
            using (array)
            {
                int index = 0;
                foreach (var element in array.RootElement.EnumerateArray()) yield return (++index, element.Clone());
            }
            yield break;
        }
        int line = 0;
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonElement record;
            try { using var doc = JsonDocument.Parse(text); record = doc.RootElement.Clone(); }
            catch (JsonException e) { throw new DocumentLoadException(path, $"{path}:{line}: not valid JSON ({e.Message})."); }
            if (record.ValueKind != JsonValueKind.Object)
                throw new DocumentLoadException(path, $"{path}:{line}: expected a JSON object per line.");
            yield return (line, record);
        }
    }

    public static JsonDocument ReadDocument(string path)
    {
        RequireFile(path);
        try { return JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { throw new DocumentLoadException(path, $"{path}: not valid JSON ({e.Message})."); }
    }

    public static void RequireFile(string path)
    {
        if (!File.Exists(path)) throw new DocumentLoadException(path, $"{path}: file not found.");
    }

    public static string RequiredString(this JsonElement record, string field, string path, int line) =>
        record.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : throw new DocumentLoadException(path, $"{path}:{line}: missing field \"{field}\".");

    public static string? OptionalString(this JsonElement record, string field) =>
        record.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    public static IReadOnlyList<string> StringList(this JsonElement record, string field, string path, int line)
    {
        if (!record.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Array)
            throw new DocumentLoadException(path, $"{path}:{line}: field \"{field}\" must be a list.");
        return value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList();
    }

    /// <summary>A list that may be absent or null (LongBench's all_classes is null outside classification tasks).</summary>
    public static IReadOnlyList<string> OptionalStringList(this JsonElement record, string field) =>
        record.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList()
            : [];

    /// <summary>An integer that some releases write as a string ("length": "1000").</summary>
    public static int? FlexibleInt(this JsonElement record, string field) =>
        !record.TryGetProperty(field, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n
        : value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), out var s) ? s
        : null;
}

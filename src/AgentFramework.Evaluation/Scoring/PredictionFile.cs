using System.Text.Json;
using AgentFramework.Errors;

namespace AgentFramework.Evaluation.Scoring;

/// <summary>
/// Reads prediction files as the benchmarks' scripts write them. Anything unreadable is the user's to fix: a
/// <see cref="UserInputException"/> naming the file (and line) and what is wrong.
/// </summary>
internal static class PredictionFile
{
    /// <summary>The JSON objects of a JSON Lines file, with their 1-based line numbers; blank lines skipped.</summary>
    public static IEnumerable<(int Line, JsonElement Record)> ReadJsonLines(string path)
    {
        if (!File.Exists(path)) throw new UserInputException(path, $"{path}: no such file");
        int number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonElement record;
            try
            {
                using var json = JsonDocument.Parse(line);
                record = json.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new UserInputException(path, $"{path}:{number}: not a JSON object ({e.Message.Split('.')[0]}); each line must be one JSON object");
            }
            if (record.ValueKind != JsonValueKind.Object)
                throw new UserInputException(path, $"{path}:{number}: expected a JSON object per line, found {record.ValueKind}");
            yield return (number, record);
        }
    }

    public static JsonElement ReadJson(string path)
    {
        if (!File.Exists(path)) throw new UserInputException(path, $"{path}: no such file");
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            return json.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new UserInputException(path, $"{path}: not valid JSON ({e.Message.Split('.')[0]})");
        }
    }

    public static string RequiredString(JsonElement record, string field, string path, int line) =>
        record.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new UserInputException(path, $"{path}:{line}: field \"{field}\" (a string) is missing");

    public static IReadOnlyList<string> StringList(JsonElement record, string field, string path, int line)
    {
        if (!record.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind == JsonValueKind.String) return [value.GetString()!];
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw new UserInputException(path, $"{path}:{line}: field \"{field}\" must be a list of strings");
        return [.. value.EnumerateArray().Select(e => e.GetString()!)];
    }

    public static double RequiredNumber(JsonElement record, string field, string path, int line) =>
        record.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new UserInputException(path, $"{path}:{line}: field \"{field}\" (a number) is missing");

    /// <summary>The .jsonl files of a folder (sorted), or the file itself.</summary>
    public static IReadOnlyList<string> JsonLinesFiles(string path, string pattern = "*.jsonl")
    {
        if (File.Exists(path)) return [path];
        if (!Directory.Exists(path)) throw new UserInputException(path, $"{path}: no such file or folder");
        var files = Directory.GetFiles(path, pattern).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new UserInputException(path, $"{path}: no {pattern} prediction files in this folder");
        return files;
    }
}

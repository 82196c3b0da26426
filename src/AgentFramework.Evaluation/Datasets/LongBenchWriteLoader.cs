using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// LongBench-Write / LongWrite-Ruler (THUDM/LongWriter evaluation/*.jsonl): {"prompt", "type", "length"} with the
/// required length in words (a number or a string). Writing cases have no context; scored by the length score S_l and, with a judge, the quality score S_q.
/// Buckets follow the LongWriter paper's required-length ranges: [0, 500), [500, 2000), [2000, 4000), ≥ 4000 words.
/// </summary>
public static class LongBenchWriteLoader
{
    public static IReadOnlyList<BenchmarkCase> Load(string path, string dataset)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var cases = new List<BenchmarkCase>();
        int index = 0;
        foreach (var (line, record) in JsonRecords.Read(path))
        {
            var required = record.FlexibleInt("length") is int n && n > 0 ? n
                : throw new Errors.DocumentLoadException(path, $"{path}:{line}: \"length\" must be a positive number of words.");
            cases.Add(new BenchmarkCase($"{stem}-{index++}", dataset, TaskKind.Writing, [], record.RequiredString("prompt", path, line), [],
                [LengthScore.MetricName, LongWriterQuality.MetricName], Bucket(required))
            {
                RequiredWords = required,
                Metadata = new Dictionary<string, string> { ["type"] = record.OptionalString("type") ?? "" },
            });
        }
        return cases;
    }

    public static string Bucket(int requiredWords) => requiredWords switch
    {
        < 500 => "<500w",
        < 2000 => "500-2kw",
        < 4000 => "2k-4kw",
        _ => ">=4kw",
    };
}

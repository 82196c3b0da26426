using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// LaRA (Alibaba-NLP/LaRA): query files <c>query/{32k|128k}_{book|financial|paper}_{task}.jsonl</c> with
/// {"file", "question", "answer", "level", ...}; "file" names a context in <c>{32k|128k}/{book|financial|paper}/</c>.
/// Upstream scores free-form answers with a judge (correctness); token F1 is added as a deterministic companion.
/// Hallucination ("hallu") questions expect the answer that the text does not say.
/// </summary>
public static class LaraLoader
{
    public static IReadOnlyList<string> Lengths { get; } = ["32k", "128k"];

    public static IEnumerable<string> QueryFiles(string laraDir, string length)
    {
        var queryDir = Path.Combine(laraDir, "query");
        if (!Directory.Exists(queryDir)) throw new DocumentLoadException(queryDir, $"{queryDir}: LaRA query folder not found.");
        return Directory.EnumerateFiles(queryDir, $"{length}_*.jsonl").Order(StringComparer.Ordinal);
    }

    public static IReadOnlyList<BenchmarkCase> Load(string laraDir, string length, string dataset)
    {
        var contexts = new Dictionary<string, Document>(StringComparer.Ordinal);
        var cases = new List<BenchmarkCase>();
        foreach (var queryFile in QueryFiles(laraDir, length))
            cases.AddRange(LoadQueryFile(queryFile, laraDir, dataset, contexts));
        return cases;
    }

    /// <summary>One query file; contexts are looked up beside it (<c>../{length}/{category}/</c>) and shared between questions.</summary>
    public static IReadOnlyList<BenchmarkCase> LoadQueryFile(string queryFile, string laraDir, string dataset, Dictionary<string, Document>? contexts = null)
    {
        contexts ??= new Dictionary<string, Document>(StringComparer.Ordinal);
        var stem = Path.GetFileNameWithoutExtension(queryFile);       // e.g. 32k_book_location
        var parts = stem.Split('_');
        if (parts.Length < 3)
            throw new DocumentLoadException(queryFile, $"{queryFile}: LaRA query files are named <length>_<category>_<task>.jsonl.");
        var (length, category, task) = (parts[0], parts[1], string.Join('_', parts[2..]));
        var cases = new List<BenchmarkCase>();
        foreach (var (line, record) in JsonRecords.Read(queryFile))
        {
            var file = record.RequiredString("file", queryFile, line);
            var contextPath = Path.Combine(laraDir, length, category, file);
            if (!contexts.TryGetValue(contextPath, out var document))
            {
                if (!File.Exists(contextPath))
                    throw new DocumentLoadException(contextPath, $"{queryFile}:{line}: context file {contextPath} not found.");
                document = Document.FromText(File.ReadAllText(contextPath), file);
                contexts[contextPath] = document;
            }
            cases.Add(new BenchmarkCase($"{stem}-{line}", dataset, TaskKind.QuestionAnswering, [document],
                record.RequiredString("question", queryFile, line), [record.RequiredString("answer", queryFile, line)],
                [JudgeCorrectness.MetricName, TokenF1.MetricName], length)
            {
                Metadata = new Dictionary<string, string> { ["category"] = category, ["task"] = task, ["file"] = file },
            });
        }
        return cases;
    }

    public static int Count(string laraDir, string length) =>
        QueryFiles(laraDir, length).Sum(f => JsonRecords.Read(f).Count());
}

using System.Text.Json;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// LongBench v2 (THUDM/LongBench-v2 data.json: a JSON array, or JSON Lines, of {_id, domain, sub_domain, difficulty,
/// length, question, choice_A..choice_D, answer, context}), named <c>longbench-v2:PATH</c> or given as a path. Each
/// item is asked with the official 0-shot prompt (THUDM/LongBench @ c5ea10b prompts/0shot.txt, fields stripped as
/// pred.py does) without its "&lt;text&gt;" block: the pipeline supplies the context its own way (whole, retrieved or
/// chunked). Scored by <see cref="LongBenchV2Accuracy"/>; reported split by difficulty (easy/hard) and length
/// (short/medium/long). The CoT variant (two calls per item) is not offered.
/// </summary>
public static class LongBenchV2Loader
{
    public const string Prefix = "longbench-v2:";

    private static readonly string[] ChoiceFields = ["choice_A", "choice_B", "choice_C", "choice_D"];

    /// <summary>The cases of <c>longbench-v2:PATH</c>, or null when <paramref name="name"/> is not such a name.</summary>
    public static IReadOnlyList<BenchmarkCase>? TryLoad(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var path = name[Prefix.Length..];
        if (!File.Exists(path))
            throw new InvalidOptionException("BenchmarkCase.Dataset", $"BenchmarkCase.Dataset {name}: {path} not found; give LongBench v2's data.json (a JSON array or JSON Lines file).");
        return Load(path, name);
    }

    public static IReadOnlyList<BenchmarkCase> Load(string path, string dataset) =>
        JsonRecords.Read(path).Select(r => Case(r.Record, path, r.Line, dataset)).ToList();

    public static BenchmarkCase Case(JsonElement record, string path, int line, string dataset)
    {
        var id = record.OptionalString("_id") ?? $"v2-{line}";
        var choices = ChoiceFields.Select(f => record.RequiredString(f, path, line)).ToList();
        var answer = record.RequiredString("answer", path, line);
        if (answer is not ("A" or "B" or "C" or "D"))
            throw new DocumentLoadException(path, $"{path}:{line}: \"answer\" must be one of A, B, C, D (got \"{answer}\").");
        var difficulty = record.RequiredString("difficulty", path, line);
        var length = record.RequiredString("length", path, line);
        // pred.py strips the context too; the document keeps it as the pipeline will read it.
        var context = PythonText.Strip(record.RequiredString("context", path, line));
        return new BenchmarkCase(id, dataset, TaskKind.QuestionAnswering, [Document.FromText(context, id)],
            Question(record.RequiredString("question", path, line), choices), [answer], [LongBenchV2Accuracy.MetricName], length)
        {
            Options = choices,
            Metadata = new Dictionary<string, string>
            {
                ["task"] = "longbench-v2", ["domain"] = record.OptionalString("domain") ?? "", ["sub_domain"] = record.OptionalString("sub_domain") ?? "",
                ["difficulty"] = difficulty, ["length"] = length,
            },
        };
    }

    /// <summary>prompts/0shot.txt after its "&lt;text&gt;" block: the question, the four choices and the answer format.</summary>
    public static string Question(string question, IReadOnlyList<string> choices) =>
        $"What is the correct answer to this question: {PythonText.Strip(question)}\nChoices:\n" +
        string.Concat(choices.Select((c, i) => $"({(char)('A' + i)}) {PythonText.Strip(c)}\n")) +
        "\nFormat your response as follows: \"The correct answer is (insert answer here)\".";
}

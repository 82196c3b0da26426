using AgentFramework.Documents;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.IntegrationTests.Extensibility;

/// <summary>
/// A benchmark written outside the framework: <c>capitals-qa</c>, two questions over one short document, scored with a
/// built-in metric and the extra <see cref="AnswerMentionedMetric"/>. Its cases are built in code; <c>bench list</c>
/// shows it when the data folder has a capitals/ folder.
/// </summary>
public sealed class CapitalsDatasetProvider : IDatasetProvider
{
    public const string DatasetName = "capitals-qa";

    public static readonly string Text =
        "The capital of France is Paris. The river Seine runs through it.\n\n" +
        "The capital of Japan is Tokyo. It is the largest city of the country.\n";

    public string Family => "Capitals (test)";

    public string NameSyntax => DatasetName;

    public bool Matches(string name) => name == DatasetName;

    public IReadOnlyList<BenchmarkCase> Load(string name, DatasetContext context)
    {
        var document = Document.FromText(Text, "capitals.txt");
        return
        [
            Case(document, "france", "What is the capital of France?", "Paris"),
            Case(document, "japan", "What is the capital of Japan?", "Tokyo"),
        ];
    }

    public IEnumerable<DatasetInfo> List(DatasetContext context) =>
        context.Folder("capitals") is { } dir ? [new DatasetInfo(DatasetName, Family, 2, dir)] : [];

    private static BenchmarkCase Case(Document document, string id, string question, string answer) =>
        new(id, DatasetName, TaskKind.QuestionAnswering, [document], question, [answer], [ExactMatch.MetricName, AnswerMentionedMetric.MetricName], "tiny");
}

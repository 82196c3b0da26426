using AgentFramework.Documents;
using AgentFramework.Evaluation.Datasets;
using System.Text.Json;
using AgentFramework.Errors;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Scoring;

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

    // Its own metric first: it is the one the report's task table heads with its label.
    private static BenchmarkCase Case(Document document, string id, string question, string answer) =>
        new(id, DatasetName, TaskKind.QuestionAnswering, [document], question, [answer], [AnswerMentionedMetric.MetricName, ExactMatch.MetricName], "tiny");

    /// <summary>
    /// Its scorer for <c>agentfw score capitals-qa FILE</c>: JSON Lines of {"id", "prediction"} for its case ids, scored
    /// with <see cref="AnswerMentionedMetric"/> against the cases' gold answers (0-100).
    /// </summary>
    public static readonly PredictionScorer Scorer = PredictionScorer.Sync(DatasetName, "capitals (test): {id, prediction} lines", scoring =>
    {
        var gold = new CapitalsDatasetProvider().Load(DatasetName, null!).ToDictionary(c => c.Id, c => c.GoldAnswers);
        var scores = new List<double>();
        foreach (var line in File.ReadLines(scoring.Path).Where(l => l.Trim().Length > 0))
        {
            using var record = JsonDocument.Parse(line);
            var id = record.RootElement.GetProperty("id").GetString()!;
            if (!gold.TryGetValue(id, out var answers)) throw new UserInputException(scoring.Path, $"{scoring.Path}: no capitals-qa case '{id}'");
            scores.Add(AnswerMentionedMetric.Mentions(record.RootElement.GetProperty("prediction").GetString() ?? "", answers) ? 1 : 0);
        }
        double mean = scores.Count == 0 ? double.NaN : 100 * scores.Average();
        return new ScoreSheet(DatasetName, $"{AnswerMentionedMetric.MetricName}, 0-100",
            [new ScoreRow(DatasetName, scores.Count, new Dictionary<string, double> { [AnswerMentionedMetric.MetricName] = mean })],
            PythonJson.Object([new(AnswerMentionedMetric.MetricName, PythonJson.Float(mean))]), []);
    });
}

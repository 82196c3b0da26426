using System.Text.Json;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Tokens;

namespace AgentFramework.Evaluation.Datasets;

/// <summary>
/// Summary of a Haystack (salesforce/summary-of-a-haystack): one JSON object per haystack with "documents"
/// (document_id, document_text, insights_included) and "subtopics" (query, insights). Each subtopic is a case: summarise
/// the haystack for its query, covering its insights and citing the documents that hold them: SummHay's coverage,
/// citation and joint scores with a judge (<see cref="SummHayInsights"/>), and agentfw's whole-summary citation F1 by
/// document without one.
/// </summary>
public static class SummHayLoader
{
    public static IReadOnlyList<BenchmarkCase> Load(string path, string dataset, ITokenCounter? counter = null)
    {
        var cases = new List<BenchmarkCase>();
        foreach (var file in Files(path)) cases.AddRange(LoadFile(file, dataset, counter));
        return cases;
    }

    public static IEnumerable<string> Files(string path) =>
        Directory.Exists(path) ? Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal) : [path];

    public static int Count(string path) => Files(path).Sum(file =>
    {
        using var json = JsonRecords.ReadDocument(file);
        return json.RootElement.TryGetProperty("subtopics", out var s) ? s.GetArrayLength() : 0;
    });

    private static IEnumerable<BenchmarkCase> LoadFile(string file, string dataset, ITokenCounter? counter)
    {
        using var json = JsonRecords.ReadDocument(file);
        var root = json.RootElement;
        if (!root.TryGetProperty("documents", out var documentsJson) || !root.TryGetProperty("subtopics", out var subtopicsJson))
            throw new DocumentLoadException(file, $"{file}: not a Summary of a Haystack file (needs \"documents\" and \"subtopics\").");
        var topic = root.OptionalString("topic_id") ?? Path.GetFileNameWithoutExtension(file);

        var documents = new List<Document>();
        var docsByInsight = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        int line = 0;
        foreach (var doc in documentsJson.EnumerateArray())
        {
            line++;
            var id = doc.RequiredString("document_id", file, line);
            documents.Add(Document.FromText(doc.RequiredString("document_text", file, line), id));
            if (doc.TryGetProperty("insights_included", out var included) && included.ValueKind == JsonValueKind.Array)
                foreach (var insight in included.EnumerateArray())
                {
                    var insightId = insight.GetString() ?? "";
                    if (!docsByInsight.TryGetValue(insightId, out var list)) docsByInsight[insightId] = list = [];
                    list.Add(id);
                }
        }
        var totalText = documents.Sum(d => (long)d.Text.Length);
        var bucket = LengthBuckets.ForTokens(counter is null ? totalText / 4 : documents.Sum(d => (long)counter.CountTokens(d.Text)));

        var cases = new List<BenchmarkCase>();
        int index = 0;
        foreach (var subtopic in subtopicsJson.EnumerateArray())
        {
            index++;
            var insights = new List<GoldInsight>();
            if (subtopic.TryGetProperty("insights", out var insightsJson))
                foreach (var insight in insightsJson.EnumerateArray())
                {
                    var insightId = insight.RequiredString("insight_id", file, index);
                    insights.Add(new GoldInsight(insightId, insight.RequiredString("insight", file, index),
                        docsByInsight.TryGetValue(insightId, out var docs) ? docs : []));
                }
            var subtopicId = subtopic.OptionalString("subtopic_id") ?? index.ToString();
            cases.Add(new BenchmarkCase($"{topic}-{subtopicId}", dataset, TaskKind.Summary, documents,
                subtopic.RequiredString("query", file, index), [], [SummHayInsights.MetricName, CitationScore.MetricName], bucket)
            {
                Insights = insights,
                GoldDocuments = insights.SelectMany(i => i.DocumentIds).Distinct().ToList(),
                Metadata = new Dictionary<string, string> { ["topic"] = root.OptionalString("topic") ?? "", ["subtopic"] = subtopic.OptionalString("subtopic") ?? "" },
            });
        }
        return cases;
    }
}

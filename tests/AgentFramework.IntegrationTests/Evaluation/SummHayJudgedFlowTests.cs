using System.Text.Json;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Judging;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Reports;
using AgentFramework.Evaluation.Scoring;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Evaluation;

/// <summary>
/// The live SummHay flow (bullets → judge per insight → matched bullet's citations → coverage, citation, joint,
/// pooled) against the official scorer's numbers on a shared haystack: a judge scripted to return, for each insight,
/// the verdict GPT-4o gave in the file's eval_summaries must reproduce compute_full_results (our conformance-checked
/// port, <see cref="SummHayPredictions"/>) for that model's summaries.
/// </summary>
public sealed class SummHayJudgedFlowTests
{
    [Fact]
    public async Task Replaying_the_official_verdicts_reproduces_compute_full_results()
    {
        var file = Path.Combine(SharedData.RequireDirectory("data/summhay"), "topic_news1.json");
        using var topic = JsonDocument.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        var subtopics = topic.RootElement.GetProperty("subtopics").EnumerateArray().ToList();
        const string key = "summary_subtopic_oracle_gemini-1.5-pro";
        var cases = SummHayLoader.Load(file, "summhay");
        Assert.Equal(subtopics.Count, cases.Count);

        var rows = new List<CaseResult>();
        for (int s = 0; s < subtopics.Count; s++)
        {
            var subtopic = subtopics[s];
            var bullets = subtopic.GetProperty("summaries").GetProperty(key).EnumerateArray().Select(b => b.GetString()!).ToList();
            var insightText = subtopic.GetProperty("insights").EnumerateArray().ToDictionary(i => i.GetProperty("insight_id").GetString()!, i => i.GetProperty("insight").GetString()!);
            var verdicts = subtopic.GetProperty("eval_summaries").GetProperty(key).EnumerateArray()
                .ToDictionary(e => insightText[e.GetProperty("insight_id").GetString()!], e => e.GetRawText());
            var judge = new SummHayInsightJudge(new ReplayJudge(verdicts), "gpt-4o verdicts from the file");
            var score = await new SummHayInsights(judge).ScoreAsync(cases[s], Prediction.FromText(string.Join("\n", bullets)), TestContext.Current.CancellationToken);
            Assert.Equal(0, score.Components!["unparsed_verdicts"]);
            rows.Add(new CaseResult("summhay", cases[s].Id, "oracle_gemini-1.5-pro", "8k", null, "", [score], score.Value, score.Metric, 1, 1, 1, 1, 1, 0)
            { Benchmark = BenchmarkFamilies.SummHay, Task = "summhay" });
        }
        var ours = SummaryBuilder.Build(rows).Aggregates.Where(a => a.Benchmark == "summhay").ToDictionary(a => a.Name, a => a.Scores["oracle_gemini-1.5-pro"]!.Value);

        var official = SummHayPredictions.ScoreTopic(topic.RootElement, file, 0.5).Where(m => m.Model == "oracle_gemini-1.5-pro").ToList();
        var coverage = official.SelectMany(m => m.Scores.Coverage).ToList();
        var citation = official.SelectMany(m => m.Scores.Citation).ToList();
        var joint = official.SelectMany(m => m.Scores.Joint).ToList();
        Assert.True(citation.Count > 10, $"{citation.Count} covered insights");
        Assert.Equal(100 * coverage.Average(), ours["coverage"], 1e-9);
        Assert.Equal(100 * citation.Average(), ours["citation"], 1e-9);
        Assert.Equal(100 * joint.Average(), ours["joint"], 1e-9);
    }

    /// <summary>Answers each insight's prompt with the verdict recorded for it (the judge's quality is not under test).</summary>
    private sealed class ReplayJudge(IReadOnlyDictionary<string, string> verdictByInsight) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var prompt = messages.Last().Text;
            int start = prompt.IndexOf("Reference Insight:\n", StringComparison.Ordinal) + "Reference Insight:\n".Length;
            int end = prompt.IndexOf("\n\nBullet Points:\n{", start, StringComparison.Ordinal);
            var reply = verdictByInsight.TryGetValue(prompt[start..end], out var v) ? v : """{"coverage": "NO_COVERAGE", "bullet_id": "NA"}""";
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}

using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Judging;
using AgentFramework.Evaluation.Metrics;
using AgentFramework.Evaluation.Reports;

namespace AgentFramework.Tests.Evaluation;

/// <summary>
/// LongWriter's S_q judge against eval_quality.py (THUDM/LongWriter @ ca6ccd4), traced by hand: its parse loop, its retry
/// budget (`while scores is None and trys < 5`) and its per-dimension average. The judge model is scripted: these are
/// orchestration tests of the parsing and aggregation, not of a judge's quality.
/// </summary>
public class LongWriterQualityTests
{
    private const string Full = """{"Analysis": "fine", "Relevance": 5, "Accuracy": 3, "Coherence": 5, "Clarity": 5, "Breadth and Depth": 5, "Reading Experience": 5}""";
    private const string NoAccuracy = """{"Analysis": "fine", "Relevance": 5, "Coherence": 5, "Clarity": 5, "Breadth and Depth": 5, "Reading Experience": 5}""";
    private const string NoReadingExperience = """{"Analysis": "fine", "Relevance": 5, "Accuracy": 3, "Coherence": 5, "Clarity": 5, "Breadth and Depth": 5}""";

    [Theory]
    [InlineData(Full, true, 0)]
    [InlineData("Here you go:\n```json\n" + Full + "\n```\nHope it helps.", true, 0)] // extract_info(r'```json\n(.*?)\n```')
    [InlineData("{\"Analysis\": \"a\",\n\"Relevance\": \"4\", \"Accuracy\": 3, \"Coherence\": 5, \"Clarity\": 5, \"Breadth and Depth\": 5, \"Reading Experience\": 5}", true, 0)] // newlines removed, float("4")
    [InlineData("```json " + Full + "```", false, 1)]  // no fenced match: extract_info gives None and None.replace raises
    [InlineData("The response is good.", false, 1)]    // json.loads raises
    [InlineData(NoAccuracy, false, 2)]                  // scores = None (+1), then `dim in None` raises (+1)
    [InlineData(NoReadingExperience, false, 1)]         // the last dimension: the loop ends after scores = None (+1)
    [InlineData("5", false, 1)]                         // `dim in 5` raises TypeError
    public void Parses_a_reply_as_eval_quality_does(string reply, bool parsed, int cost)
    {
        var (scores, spent) = LongWriterQualityJudge.Parse(reply);
        Assert.Equal(parsed, scores is not null);
        Assert.Equal(cost, spent);
    }

    [Fact]
    public void A_dimension_float_cannot_read_is_a_failed_try_not_a_crash()
    {
        // eval_quality.py would accept this reply and crash later in float(None); we retry instead (documented).
        var (scores, cost) = LongWriterQualityJudge.Parse(Full.Replace("\"Clarity\": 5", "\"Clarity\": null", StringComparison.Ordinal));
        Assert.Null(scores);
        Assert.Equal(1, cost);
    }

    [Fact]
    public async Task Retries_within_the_official_budget_then_scores()
    {
        // Costs 1 + 2 = 3 < 5, so the third reply is read.
        var client = new ScriptedChatClient("I think it is great.", NoAccuracy, Full);
        var verdict = await new LongWriterQualityJudge(client, "scripted").JudgeAsync("Write 100 words.", "Some text.", TestContext.Current.CancellationToken);
        Assert.NotNull(verdict.Scores);
        Assert.Equal(3, verdict.Calls);
        Assert.Equal((28.0 / 6 - 1) / 4, verdict.Quality!.Value, 12);
    }

    [Theory]
    [InlineData(NoAccuracy, 3)]            // 2 + 2 + 2: the budget of 5 is spent after three calls
    [InlineData(NoReadingExperience, 5)]   // 1 each: five calls
    [InlineData("not json", 5)]
    public async Task Skips_the_sample_when_the_budget_runs_out(string reply, int calls)
    {
        var client = new ScriptedChatClient(Enumerable.Repeat(reply, 10).ToArray());
        var metric = new LongWriterQuality(new LongWriterQualityJudge(client, "scripted"));
        var writing = new BenchmarkCase("w0", "longbench-write", TaskKind.Writing, [], "Write 100 words.", [], [LongWriterQuality.MetricName], "<500w");
        var skipped = await Assert.ThrowsAsync<MetricSkippedException>(async () => await metric.ScoreAsync(writing, Prediction.FromText("text"), TestContext.Current.CancellationToken));
        Assert.Equal("longwriter-quality_skipped", skipped.NoticeCode);
        Assert.Equal(calls, client.Requests.Count);
    }

    [Fact]
    public async Task Sends_the_official_prompt_once_filled_as_one_user_message()
    {
        var client = new ScriptedChatClient(Full);
        await new LongWriterQualityJudge(client, "scripted").JudgeAsync("Write about $RESPONSE$ tokens.", "My answer mentions $INST$.", TestContext.Current.CancellationToken);
        var message = Assert.Single(Assert.Single(client.Requests));
        Assert.Equal(Microsoft.Extensions.AI.ChatRole.User, message.Role);
        Assert.StartsWith("You are an expert in evaluating text quality.", message.Text);
        // Inserted text is data: placeholders inside it are not expanded again.
        Assert.Contains("<User Request>\n\nWrite about $RESPONSE$ tokens.\n\n</User Request>\n\n<Response>\n\nMy answer mentions $INST$.\n\n</Response>", message.Text);
        Assert.EndsWith("Ensure that only one integer between 1 and 5 is output for each dimension score.", message.Text);
    }

    [Fact]
    public async Task S_q_is_eval_quality_total_and_overall_the_mean_with_s_l()
    {
        // Hand-computed eval_quality.py: Relevance (5+2)/2 = 3.5 → 62.5, Accuracy (3+2)/2 = 2.5 → 37.5, the other four 62.5;
        // total = (5 · 62.5 + 37.5) / 6 = 58.333…
        var client = new ScriptedChatClient(Full, Full.Replace(": 5", ": 2", StringComparison.Ordinal).Replace(": 3", ": 2", StringComparison.Ordinal));
        var metric = new LongWriterQuality(new LongWriterQualityJudge(client, "scripted"));
        var rows = new List<CaseResult>();
        foreach (var id in new[] { "w0", "w1" })
        {
            var writing = new BenchmarkCase(id, "longbench-write", TaskKind.Writing, [], "Write.", [], [LengthScore.MetricName, LongWriterQuality.MetricName], "<500w");
            var quality = await metric.ScoreAsync(writing, Prediction.FromText("text"), TestContext.Current.CancellationToken);
            rows.Add(new CaseResult("longbench-write", id, "plan-then-write", "<500w", null, "text", [new MetricResult(LengthScore.MetricName, 0.9), quality],
                0.9, LengthScore.MetricName, 1, 1, 1, 1, 1, 0) { Benchmark = BenchmarkFamilies.LongBenchWrite, Task = "longbench-write" });
        }
        var aggregates = SummaryBuilder.Build(rows).Aggregates.ToDictionary(a => a.Name, a => a.Scores["plan-then-write"]);
        Assert.Equal(350.0 / 6, aggregates["S_q"]!.Value, 9);
        Assert.Equal(37.5, aggregates["S_q Accuracy"]!.Value, 9);
        Assert.Equal(62.5, aggregates["S_q Relevance"]!.Value, 9);
        Assert.Equal((90 + 350.0 / 6) / 2, aggregates["overall"]!.Value, 9);
    }
}

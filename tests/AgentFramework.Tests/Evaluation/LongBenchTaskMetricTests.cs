using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Tests.Evaluation;

/// <summary>The LongBench v1 loader gives each task LongBench's own metric and trim; L-Eval gsm100 its number match.</summary>
public class LongBenchTaskMetricTests
{
    [Theory]
    [InlineData("trec", ClassificationScore.MetricName)]
    [InlineData("lsht", ClassificationScore.MetricName)]
    [InlineData("passage_count", CountScore.MetricName)]
    [InlineData("passage_retrieval_en", RetrievalScore.MetricName)]
    [InlineData("passage_retrieval_zh", RetrievalScore.ChineseMetricName)]
    [InlineData("lcc", CodeSimScore.MetricName)]
    [InlineData("repobench-p", CodeSimScore.MetricName)]
    [InlineData("dureader", RougeLChinese.MetricName)]
    [InlineData("vcsum", RougeLChinese.MetricName)]
    [InlineData("samsum", RougeL.MetricName)]
    [InlineData("multifieldqa_zh", TokenF1.ChineseMetricName)]
    [InlineData("triviaqa", TokenF1.MetricName)]
    public void Each_task_gets_the_official_metric(string task, string metric) => Assert.Equal(metric, LongBenchTasks.MetricFor(task));

    [Fact]
    public void All_21_tasks_have_a_registered_metric_other_than_string_match()
    {
        Assert.Equal(21, LongBenchTasks.All.Count);
        var registry = new MetricRegistry();
        foreach (var task in LongBenchTasks.All)
        {
            var name = LongBenchTasks.MetricFor(task);
            Assert.NotEqual(StringMatchPart.MetricName, name);
            Assert.Equal(name, registry.Get(name).Name);
            Assert.Contains(name, MetricRegistry.DeterministicNames);
        }
    }

    [Fact]
    public void First_line_trim_is_applied_to_the_four_few_shot_tasks_only() =>
        Assert.Equal(["lsht", "samsum", "trec", "triviaqa"],
            LongBenchTasks.All.Where(t => LongBenchTasks.TrimFor(t) == PredictionTrim.FirstLine).Order(StringComparer.Ordinal));

    [Fact]
    public async Task Trec_case_carries_its_classes_and_scores_the_first_line()
    {
        using var folder = new TempFolder();
        var path = folder.Write("trec.jsonl",
            """{"input": "Where is Paris?", "context": "Question: Who? Type: Individual", "answers": ["City"], "length": 5, "dataset": "trec", "language": "en", "all_classes": ["Individual", "City", "Country"], "_id": "t1"}""" + "\n");
        var single = Assert.Single(LongBenchLoader.Load(path, "trec"));
        Assert.Equal([ClassificationScore.MetricName], single.Metrics);
        Assert.Equal(["Individual", "City", "Country"], single.Classes);
        Assert.Equal(PredictionTrim.FirstLine, single.ScoringTrim);

        // The second line names another class; LongBench ignores it, so the score stays 1 rather than 1/2.
        var answer = ScoredPrediction.For(single, Prediction.FromText("City\nQuestion: Who wrote it? Type: Individual"));
        var result = await new MetricRegistry().Get(ClassificationScore.MetricName).ScoreAsync(single, answer, TestContext.Current.CancellationToken);
        Assert.Equal(1.0, result.Value);
    }

    [Fact]
    public void Task_comes_from_the_file_name_when_the_record_has_none()
    {
        Assert.Equal("multifieldqa_en", LongBenchLoader.TaskFromFileName("/d/multifieldqa_en_e.jsonl"));
        Assert.Equal("passage_retrieval_en", LongBenchLoader.TaskFromFileName("/d/passage_retrieval_en.jsonl"));
        using var folder = new TempFolder();
        var path = folder.Write("lcc_e.jsonl", """{"input": "", "context": "def f():", "answers": ["    return 1"], "all_classes": null}""" + "\n");
        var single = Assert.Single(LongBenchLoader.Load(path, "lcc"));
        Assert.Equal([CodeSimScore.MetricName], single.Metrics);
        Assert.Empty(single.Classes);
        Assert.Equal(PredictionTrim.None, single.ScoringTrim);
    }

    [Fact]
    public void LEval_gsm100_uses_the_final_number()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Closed-ended-tasks/gsm100.jsonl",
            """{"input": "Question: 2+2?\nThe answer is 4\n\n", "instructions": ["Question: Janet's ducks?"], "outputs": ["18"], "evaluation": "exam"}""" + "\n");
        var single = Assert.Single(LEvalLoader.Load(path, "leval:gsm100"));
        Assert.Equal([MathExactMatch.MetricName], single.Metrics);
        Assert.Equal(0.0, MathExactMatch.Score("The answer is 180", single.GoldAnswers));
        Assert.Equal(1.0, MathExactMatch.Score("9 * 2 = 18 dollars. The answer is 18", single.GoldAnswers));
    }
}

using WordCounter = AgentFramework.Agents.PlanThenWrite.WordCounter;
using AgentFramework.Evaluation.Datasets;
using AgentFramework.Evaluation.Metrics;

namespace AgentFramework.Tests.Evaluation;

public class LengthScoreTests
{
    [Theory]
    [InlineData(1000, 1000, 100.0)]
    [InlineData(1000, 1500, 100.0 * (1 - 0.5 / 3))]  // too long by half: (1.5 - 1)/3 off
    [InlineData(1000, 2000, 100.0 * (1 - 1.0 / 3))]
    [InlineData(1000, 4000, 0.0)]                    // 1 - 3/3 = 0
    [InlineData(1000, 500, 50.0)]                    // too short by half: (2 - 1)/2 off
    [InlineData(1000, 250, 0.0)]                     // 1 - 3/2 < 0, clamped
    [InlineData(1000, 0, 0.0)]
    public void Follows_longwriter_piecewise_formula(int required, int produced, double expected) =>
        Assert.Equal(expected, LengthScore.Score(required, produced), 9);

    [Fact]
    public void Words_are_cjk_characters_plus_english_words() =>
        // Hello, world, don, t = 4 English words; 你好世界 = 4 characters; digits do not count.
        Assert.Equal(8, WordCounter.Count("Hello, world! 你好世界 123 don't"));

    [Fact]
    public async Task Metric_scales_to_unit_interval_and_reports_lengths()
    {
        var benchmarkCase = new BenchmarkCase("w1", "longbench-write", TaskKind.Writing, [], "Write 4 words.", [], [LengthScore.MetricName], "short")
        { RequiredWords = 4 };
        var result = await new LengthScore().ScoreAsync(benchmarkCase, Prediction.FromText("one two"), TestContext.Current.CancellationToken);
        Assert.Equal(0.5, result.Value, 9);
        Assert.Equal(2, result.Components!["produced_words"]);
    }
}

using AgentFramework.Agents.PlanThenWrite;

namespace AgentFramework.Tests.Agents.Longform;

public sealed class LengthMetricsTests
{
    [Theory]
    [InlineData("Hello, world!", 2)]
    [InlineData("don't stop", 3)]                 // "don", "t", "stop": as LongBench-Write's \b[a-zA-Z]+\b counts
    [InlineData("中文字 and English", 5)]         // three CJK characters + two English words
    [InlineData("abc123 x9 4", 0)]                 // letters glued to digits are not words there either
    [InlineData("", 0)]
    [InlineData("A long-form piece.", 4)]
    public void Counts_words_as_LongBench_Write(string text, int expected) =>
        Assert.Equal(expected, WordCounter.Count(text));

    [Theory]
    // x = required, y = produced; values worked by hand from eval_length.py's score(x, y).
    [InlineData(1000, 1000, 100.0)]
    [InlineData(1000, 2000, 66.6666667)]   // too long: 100·(1 − (2 − 1)/3)
    [InlineData(1000, 4000, 0.0)]          // 100·max(0, 1 − 3/3)
    [InlineData(1000, 1300, 90.0)]         // 100·(1 − 0.3/3)
    [InlineData(1000, 800, 87.5)]          // too short: 100·(1 − (1.25 − 1)/2)
    [InlineData(1000, 500, 50.0)]          // 100·(1 − (2 − 1)/2)
    [InlineData(1000, 333, 0.0)]           // x/y > 3 ⇒ clipped at 0
    [InlineData(10000, 9500, 97.3684211)]  // 100·(1 − (10000/9500 − 1)/2)
    [InlineData(1000, 0, 0.0)]             // undefined in the reference; its limit here
    public void Length_score_matches_LongBench_Write_formula(int required, int produced, double expected) =>
        Assert.Equal(expected, LengthScore.Compute(required, produced), 6);

    [Fact]
    public void Over_length_is_penalised_more_gently_than_under_length()
    {
        // Same factor off (×1.5 and ÷1.5): the too-long answer keeps more score.
        Assert.True(LengthScore.Compute(1000, 1500) > LengthScore.Compute(1500, 1000));
    }
}

using AgentFramework.Cli.Infrastructure;

namespace AgentFramework.Tests;

/// <summary>Progress when stderr is redirected: plain lines, at most one a second, first, last and milestones always.</summary>
public sealed class ProgressBoardTests
{
    [Fact]
    public void Redirected_progress_is_throttled_to_one_line_a_second_plus_first_last_and_milestones()
    {
        var now = TimeSpan.Zero;
        var output = new StringWriter();
        var board = new PlainProgressBoard(output, () => now);
        var runs = board.Add("bench", "runs", 40);

        for (int i = 1; i <= 40; i++)
        {
            now += TimeSpan.FromMilliseconds(100);                              // 10 updates a second
            runs.Update(i, 40, $"case-{i}", milestone: i == 15);
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // first (1), then one a second (11, 21, 31), the milestone (15) and the last (40)
        Assert.Equal(["1", "11", "15", "25", "35", "40"], lines.Select(l => l.Split('/')[0].Split(' ')[^1]));
        Assert.StartsWith("bench: 1/40 runs (3 %), 10.0 runs/s, ETA 0:03 — case-1", lines[0].Replace("\u00a0", " "));
        Assert.Contains("40/40 runs (100 %)", lines[^1].Replace("\u00a0", " "));
        Assert.Contains("took 0:04", lines[^1]);
    }

    [Theory]
    [InlineData(2.5, "2.5 runs/s")]
    [InlineData(0.05, "3.0 runs/min")]
    [InlineData(0.0001, "0.4 runs/h")]
    public void Rates_read_per_second_minute_or_hour(double perSecond, string expected) =>
        Assert.Equal(expected, ProgressBoard.Rate(perSecond, "runs"));
}

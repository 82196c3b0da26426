using AgentFramework.Tokens;

namespace AgentFramework.Tests;

public class TokenCounterTests
{
    [Fact]
    public void Cl100k_prefix_index_fits_the_budget()
    {
        var text = "The chain of agents reads long documents one chunk at a time.";
        var counter = TokenCounters.Cl100k;
        int index = counter.GetIndexByTokenCount(text, 5, out int count);
        Assert.True(count <= 5);
        Assert.Equal(count, counter.CountTokens(text.AsSpan(0, index)));
        Assert.True(index < text.Length);
    }
}

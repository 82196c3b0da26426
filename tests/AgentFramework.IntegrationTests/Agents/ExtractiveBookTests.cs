using AgentFramework.Agents;
using AgentFramework.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.IntegrationTests.Agents;

/// <summary>The extractive pipeline on the committed sample book (Moby Dick, 1.2 MB) through the real loader.</summary>
public sealed class ExtractiveBookTests
{
    private static string MobyDick()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "samples", "data", "moby-dick.txt");
            if (File.Exists(path)) return path;
        }
        Assert.Skip("samples/data/moby-dick.txt not found above the test folder");
        return "";
    }

    [Fact]
    public async Task Summarizes_moby_dick_within_the_word_budget_with_exact_citations()
    {
        var book = await new DocumentLoader().LoadAsync(MobyDick(), TestContext.Current.CancellationToken);
        var services = new ServiceCollection();
        services.AddAgentFramework();
        await using var provider = services.BuildServiceProvider();
        var agent = provider.GetRequiredService<IDocumentAgent>();

        var result = await agent.SummarizeAsync([book], PipelineNames.Extractive, new PipelineRunOptions { SummaryWords = 200 },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(result.Text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length, 100, 200);
        Assert.True(result.Citations.Count >= 3);
        Assert.All(result.Citations, c => Assert.Equal(book.Text[c.Start..c.End], c.Quote));
        Assert.Equal(result.Citations.OrderBy(c => c.Start), result.Citations);
        Assert.True(result.Trace.Counters["sentences"] > 5000);
    }

    [Fact]
    public async Task Answers_with_the_sentences_that_match_the_question()
    {
        var book = await new DocumentLoader().LoadAsync(MobyDick(), TestContext.Current.CancellationToken);
        var services = new ServiceCollection();
        services.AddAgentFramework();
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IDocumentAgent>().AskAsync([book], "Queequeg was a native of which island?", PipelineNames.Extractive,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.StartsWith("Queequeg was a native of Rokovoko", result.Citations[0].Quote);
        Assert.All(result.Citations, c => Assert.Equal(book.Text[c.Start..c.End], c.Quote));
    }
}

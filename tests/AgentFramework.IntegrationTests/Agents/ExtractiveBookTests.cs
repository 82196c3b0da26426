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

    [Fact]
    public async Task Sparse_textrank_ranks_the_book_as_the_dense_products_did()
    {
        // The hashing embeddings of the candidate sentences, as the extractive summary ranks them (issue 15: the sparse
        // products replaced dense ones; the summary must not change).
        var book = await new DocumentLoader().LoadAsync(MobyDick(), TestContext.Current.CancellationToken);
        var options = new AgentFramework.Agents.Extractive.ExtractiveOptions();
        var candidates = AgentFramework.Agents.Text.SentenceSplitter.Split(book.Text).Select(s => book.Text[s.Start..s.End])
            .Where(s => AgentFramework.Agents.Text.TextTerms.CountWords(s) is var w && w >= options.MinSentenceWords && w <= options.MaxSentenceWords).ToArray();
        var embedder = new AgentFramework.Retrieval.Embeddings.HashingEmbeddingGenerator();
        var vectors = candidates.Select(c => (ReadOnlyMemory<float>)embedder.Embed(c)).ToArray();

        var dense = AgentFramework.Agents.Extractive.TextRank.Score(vectors, options.Damping, options.Iterations, maxSparseDensity: 0);
        var sparse = AgentFramework.Agents.Extractive.TextRank.Score(vectors, options.Damping, options.Iterations, maxSparseDensity: 1);

        Assert.True(candidates.Length > 5000);
        Assert.NotNull(AgentFramework.Agents.Extractive.SparseRows.TryCreate(vectors, AgentFramework.Agents.Extractive.TextRank.MaxSparseDensity));
        for (int i = 0; i < dense.Length; i++) Assert.Equal(dense[i], sparse[i], 1e-6 * dense[i]);
        int[] Top(double[] scores) => Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(100).ToArray();
        Assert.Equal(Top(dense), Top(sparse));
    }
}

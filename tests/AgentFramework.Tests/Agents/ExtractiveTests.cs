using AgentFramework.Agents.Text;
using AgentFramework.Agents;
using AgentFramework.Agents.Extractive;
using AgentFramework.Documents;

namespace AgentFramework.Tests.Agents;

public class ExtractiveTests
{
    private const string Story =
        "The whale swam beneath the ship at dawn. Captain Ahab watched the whale from the deck of the ship. " +
        "The cook made soup.\n\nThe crew hunted the white whale across the ocean for many long months. " +
        "Ahab swore that the white whale would die by his own harpoon. It rained on Tuesday in the small town.\n\n" +
        "In the end the white whale destroyed the ship and drowned the crew of the whaling ship.";

    [Fact]
    public async Task Summary_takes_central_sentences_in_document_order_within_the_word_budget()
    {
        var agent = AgentTestHost.Create(null);
        var document = Document.FromText(Story, "story.txt");

        var result = await agent.SummarizeAsync([document], PipelineNames.Extractive, new PipelineRunOptions { SummaryWords = 30 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(TextTerms.CountWords(result.Text) <= 30);
        Assert.NotEmpty(result.Citations);
        Assert.All(result.Citations, c => Assert.Equal(document.Text[c.Start..c.End], c.Quote));
        Assert.Equal(result.Citations.OrderBy(c => c.Start), result.Citations);
        // Off-topic sentences rank lowest.
        Assert.DoesNotContain("rained", result.Text);
        Assert.Equal(0, result.Trace.CallCount);
    }

    [Fact]
    public async Task Question_returns_the_best_bm25_sentences_with_citations()
    {
        var agent = AgentTestHost.Create(null);
        var document = Document.FromText(Story, "story.txt");

        var result = await agent.AskAsync([document], "What did the cook make?", PipelineNames.Extractive, cancellationToken: TestContext.Current.CancellationToken);

        Assert.StartsWith("The cook made soup.", result.Text);
        Assert.Equal("The cook made soup.", result.Citations[0].Quote);
        Assert.All(result.Citations, c => Assert.Equal(document.Text[c.Start..c.End], c.Quote));
    }

    [Fact]
    public async Task Question_with_no_matching_term_says_the_document_does_not_contain_it()
    {
        var agent = AgentTestHost.Create(null);
        var result = await agent.AskAsync([Document.FromText(Story)], "zeppelin altitude?", PipelineNames.Extractive, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new ExtractiveOptions().NoMatchText, result.Text);
        Assert.Empty(result.Citations);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TextRank_without_the_matrix_equals_textrank_with_it(bool signed)
    {
        var random = new Random(7);
        var vectors = Enumerable.Range(0, 25).Select(_ =>
        {
            var v = Enumerable.Range(0, 16).Select(_ => random.NextDouble() < 0.4 ? (float)(signed ? random.NextDouble() * 2 - 1 : random.NextDouble()) : 0f).ToArray();
            var norm = MathF.Sqrt(v.Sum(x => x * x));
            return norm == 0 ? v : v.Select(x => x / norm).ToArray();
        }).ToArray();

        var fast = TextRank.Score(vectors, 0.85, 200);

        // Brute force: explicit similarity matrix, same PageRank.
        int n = vectors.Length;
        var w = new double[n, n];
        var degree = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j)
                {
                    double cosine = vectors[i].Zip(vectors[j], (a, b) => (double)a * b).Sum();
                    w[i, j] = signed ? (1 + cosine) / 2 : cosine;
                    degree[i] += w[i, j];
                }
        var rank = Enumerable.Repeat(1.0 / n, n).ToArray();
        for (int it = 0; it < 200; it++)
        {
            var next = new double[n];
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int j = 0; j < n; j++) if (degree[j] > 1e-12) s += w[j, i] * rank[j] / degree[j];
                next[i] = 0.15 / n + 0.85 * s;
            }
            rank = next;
        }
        for (int i = 0; i < n; i++) Assert.Equal(rank[i], fast[i], 5);
    }

    [Fact]
    public void Sentences_split_at_terminal_punctuation_and_paragraphs_but_not_after_titles()
    {
        const string text = "Mr. Starbuck spoke. \"Aye!\" said he.\n\nCHAPTER 2\nThe Carpet-Bag. It was dark?  Yes";
        var sentences = SentenceSplitter.Split(text).Select(s => text[s.Start..s.End]).ToArray();
        Assert.Equal(["Mr. Starbuck spoke.", "\"Aye!\" said he.", "CHAPTER 2\nThe Carpet-Bag.", "It was dark?", "Yes"], sentences);
    }
}

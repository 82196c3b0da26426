using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Retrieval.Ingestion;
using AgentFramework.Tokens;

namespace AgentFramework.Tests.Retrieval;

public class WindowChunkerTests
{
    [Fact]
    public void Chunks_are_exact_spans_within_budget_covering_the_text()
    {
        var words = Enumerable.Range(0, 3000).Select(i => i % 17 == 0 ? $"sentence{i}.\n\n" : $"word{i % 50} ");
        var document = Document.FromText(string.Concat(words), "doc.txt");
        var options = new ChunkingOptions { MaxTokens = 64, OverlapTokens = 8 };
        var chunks = WindowChunker.Split(document, TokenCounters.Cl100k, options);

        Assert.True(chunks.Count > 10);
        Assert.All(chunks, c =>
        {
            Assert.Equal(document.Text[c.Start..c.End], c.Text);
            Assert.InRange(c.TokenCount, 1, options.MaxTokens);
            Assert.Equal(document.Id, c.DocumentId);
        });
        Assert.Equal(0, chunks[0].Start);
        Assert.Equal(document.Text.TrimEnd().Length, chunks[^1].End);
        for (int i = 1; i < chunks.Count; i++)
        {
            Assert.True(chunks[i].Start <= chunks[i - 1].End + 2, "no gap between neighbours");
            Assert.True(chunks[i].Start > chunks[i - 1].Start);
        }
        Assert.Equal(chunks.Count, chunks.Select(c => c.Id).Distinct().Count());
    }
}

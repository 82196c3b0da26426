using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Tests.Chunking;
using AgentFramework.Tokens;

namespace AgentFramework.IntegrationTests.Chunking;

public class KjvChunkingTests
{
    [Fact]
    public async Task The_million_token_bible_keeps_every_chunk_invariant()
    {
        var path = SharedData.RequireFile("data/debian-pd-texts/kjv-bible.txt");
        var document = await new DocumentLoader().LoadAsync(path, TestContext.Current.CancellationToken);
        var counter = TokenCounters.Cl100k;
        var options = new ChunkingOptions { MaxTokens = 512, OverlapTokens = 64 };

        var chunks = new Chunker(counter).Split(document, options, TestContext.Current.CancellationToken);

        Assert.True(counter.CountTokens(document.Text) > 1_000_000);
        ChunkAssert.Invariants(document, chunks, options, counter);
        // Verses are lines: no chunk may end inside one.
        Assert.All(chunks.SkipLast(1), c => Assert.True(document.Text[c.End - 1] is '\n' or ' ', $"chunk {c.Index} ends inside a word"));
        Assert.True(chunks.Average(c => c.TokenCount) > options.MaxTokens * 0.75, "chunks should be mostly full");
    }
}

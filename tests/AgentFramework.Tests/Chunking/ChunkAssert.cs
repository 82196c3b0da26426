using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Tokens;

namespace AgentFramework.Tests.Chunking;

/// <summary>The chunker's invariants, checked with the real token counter on every chunk.</summary>
public static class ChunkAssert
{
    public static void Invariants(Document document, IReadOnlyList<Chunk> chunks, ChunkingOptions options, ITokenCounter counter)
    {
        var text = document.Text;
        Assert.NotEmpty(chunks);
        Assert.Equal(0, chunks[0].Start);
        Assert.Equal(text.Length, chunks[^1].End);
        for (int i = 0; i < chunks.Count; i++)
        {
            var c = chunks[i];
            Assert.Equal(i, c.Index);
            Assert.Equal(document.Id, c.DocumentId);
            Assert.True(c.Start < c.End, $"chunk {i} is empty");
            Assert.True(string.Equals(text[c.Start..c.End], c.Text, StringComparison.Ordinal), $"chunk {i} text differs from its span");
            int real = counter.CountTokens(c.Text);
            Assert.Equal(real, c.TokenCount);
            Assert.True(real <= options.MaxTokens, $"chunk {i} has {real} tokens, over {options.MaxTokens}");
            Assert.False(c.Start > 0 && char.IsLowSurrogate(text[c.Start]) && char.IsHighSurrogate(text[c.Start - 1]), $"chunk {i} starts inside a surrogate pair");
            if (i == 0) continue;
            var previous = chunks[i - 1];
            Assert.True(c.Start > previous.Start, $"chunk {i} does not start after chunk {i - 1}");
            Assert.True(c.End > previous.End, $"chunk {i} does not end after chunk {i - 1}");
            Assert.True(c.Start <= previous.End, $"gap between chunk {i - 1} and {i}");
        }
    }

    /// <summary>The chunker gives the chunks of the previous algorithm (<see cref="ReferenceChunker"/>), naming the first that differs.</summary>
    public static void SameAsReference(Document document, ChunkingOptions options, ITokenCounter counter, CancellationToken ct)
    {
        var expected = new ReferenceChunker(counter).Split(document, options, ct);
        var actual = new Chunker(counter).Split(document, options, ct);
        for (int i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            Assert.True(expected[i] == actual[i],
                $"{document.Name} ({options.MaxTokens}/{options.OverlapTokens}): chunk {i} differs: expected [{expected[i].Start},{expected[i].End}) " +
                $"{expected[i].TokenCount} tokens, got [{actual[i].Start},{actual[i].End}) {actual[i].TokenCount} tokens");
        Assert.Equal(expected.Count, actual.Count);
    }
}

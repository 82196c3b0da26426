using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Retrieval.Embeddings;
using AgentFramework.Tests.Retrieval;
using AgentFramework.Tokens;

namespace AgentFramework.IntegrationTests.Retrieval;

/// <summary>
/// On real corpora, every chunk's hashing embedding is bit-identical to the reference (first) implementation's, so
/// stores built before the allocation-free embedder keep answering vector queries the same way.
/// </summary>
public class HashingEmbeddingCorpusTests
{
    [Theory]
    [InlineData("data/sotu")]
    [InlineData("data/moby-dick/moby-dick.txt")]
    [InlineData("data/debian-pd-texts/jargon-file-4.4.7.txt")]
    public async Task Every_chunk_embeds_bit_identically_to_the_reference(string relative)
    {
        var ct = TestContext.Current.CancellationToken;
        IEnumerable<string> files = relative.EndsWith(".txt", StringComparison.Ordinal)
            ? [SharedData.RequireFile(relative)]
            : Directory.GetFiles(SharedData.RequireDirectory(relative), "*.txt").Order(StringComparer.Ordinal);
        var chunker = new Chunker(TokenCounters.Cl100k);
        var embedding = new HashingEmbeddingGenerator();
        int chunks = 0;
        foreach (var file in files)
        {
            foreach (var chunk in chunker.Split(await new DocumentLoader().LoadAsync(file, ct), new ChunkingOptions(), ct))
            {
                var expected = ReferenceHashingEmbedding.Embed(chunk.Text, embedding.Dimensions);
                var actual = embedding.Embed(chunk.Text);
                // Bits, not values: 0 and -0 compare equal as floats.
                Assert.True(System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(expected.AsSpan()).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(actual.AsSpan())), $"{file} chunk {chunk.Index}: the embedding differs from the reference");
                chunks++;
            }
        }
        Assert.True(chunks > 0);
    }
}

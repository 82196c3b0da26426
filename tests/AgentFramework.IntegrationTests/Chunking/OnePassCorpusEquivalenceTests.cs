using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Tests.Chunking;
using AgentFramework.Tokens;

namespace AgentFramework.IntegrationTests.Chunking;

/// <summary>
/// The one-pass chunker gives exactly the previous algorithm's chunks (<see cref="ReferenceChunker"/>, the oracle)
/// on the real corpora: Moby Dick, the KJV Bible and every State of the Union address.
/// </summary>
public class OnePassCorpusEquivalenceTests
{
    public static TheoryData<string, int, int> Corpora => new()
    {
        { "data/moby-dick/moby-dick.txt", 512, 64 },
        { "data/moby-dick/moby-dick.txt", 128, 32 },
        { "data/debian-pd-texts/kjv-bible.txt", 512, 64 },
        { "data/debian-pd-texts/kjv-bible.txt", 100, 0 },
        { "data/debian-pd-texts/jargon-file-4.4.7.txt", 256, 32 },
        { "data/sotu", 512, 64 },
        { "data/sotu", 64, 16 },
    };

    [Theory]
    [MemberData(nameof(Corpora))]
    public async Task A_corpus_gives_the_same_chunks_as_the_reference_chunker(string relative, int maxTokens, int overlap)
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlap };
        var loader = new DocumentLoader();
        IEnumerable<string> files = relative.EndsWith(".txt", StringComparison.Ordinal)
            ? [SharedData.RequireFile(relative)]
            : Directory.GetFiles(SharedData.RequireDirectory(relative), "*.txt").Order(StringComparer.Ordinal);
        int documents = 0;
        foreach (var file in files)
        {
            ChunkAssert.SameAsReference(await loader.LoadAsync(file, ct), options, TokenCounters.Cl100k, ct);
            documents++;
        }
        Assert.True(documents > 0);
    }
}

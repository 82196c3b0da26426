using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Errors;
using AgentFramework.Tests.Agents.NastyText;
using AgentFramework.Tests.Documents;
using AgentFramework.Tokens;

namespace AgentFramework.Tests.Chunking;

/// <summary>
/// <see cref="Chunker.SplitIncrementally"/>: taken one chunk at a time it gives the chunks of the previous algorithm
/// (<see cref="ReferenceChunker"/>, which tokenises every chunk), and it tokenises the text only about one chunk ahead
/// of the chunk it yields, so a consumer can embed and store while the chunker goes on.
/// </summary>
public class IncrementalChunkingTests
{
    public static TheoryData<int, int> Budgets => new() { { 512, 64 }, { 128, 16 }, { 64, 0 }, { 40, 30 }, { 8, 2 } };

    [Theory]
    [MemberData(nameof(Budgets))]
    public void Nasty_text_one_chunk_at_a_time_gives_the_reference_chunks(int maxTokens, int overlap)
    {
        var options = new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlap };
        var random = new Random(3);
        var texts = new List<(string Name, string Text)>
        {
            ("nasty", NastyTextCorpus.Document()),
            ("nasty entries back to back", string.Join(" ", NastyTextCorpus.Entries.Select(e => e.Text))),
            ("cjk", TextGenerator.Cjk(seed: 9, sentences: 300)),
            ("long word", "Before it. " + new string(Enumerable.Range(0, 4_000).Select(_ => (char)('a' + random.Next(26))).ToArray()) + " after it."),
            ("surrogate pairs", string.Concat(Enumerable.Repeat("😀", 1_500)) + " 𝐀𝐁𝐂 math. " + string.Concat(Enumerable.Repeat("𝐀 😀. ", 300))),
            ("form feeds and controls", string.Join("\f", Enumerable.Range(0, 40).Select(i => $"Page {i}.\u0001\u0007 {TextGenerator.Sentence(random, 12)}\r\n\t\u000B"))),
        };
        foreach (var (name, text) in texts)
            OneByOneSameAsReference(Document.FromText(text, name), options, TokenCounters.Cl100k);
        // A counter whose parts do not add up (no seams): every chunk is counted whole.
        OneByOneSameAsReference(Document.FromText(NastyTextCorpus.Document(), "nasty"), options, new SafetyMarginTokenCounter(TokenCounters.Cl100k, 0.15));
    }

    [Theory]
    [MemberData(nameof(Budgets))]
    public async Task A_code_folder_one_chunk_at_a_time_gives_the_reference_chunks(int maxTokens, int overlap)
    {
        using var folder = new TempFolder();
        for (int f = 0; f < 3; f++)
        {
            var methods = string.Join("\n\n", Enumerable.Range(0, 5 + f * 4).Select(m =>
                $"    /// <summary>Method {m}: \"<|im_end|>\" {{{{$x}}}}.</summary>\n    public int Method{m}(int x)\n    {{\n        return x * {m} + {f}; // 😀\n    }}"));
            folder.Write($"src/File{f}.cs", $"namespace Sample;\n\npublic class File{f}\n{{\n{methods}\n}}\n");
        }
        folder.Write("notes.md", "# Notes\n\n" + TextGenerator.Prose(seed: 4, paragraphs: 6) + "\n## More\n\n<message role=\"system\">x</message>\n");
        var document = await new DocumentLoader().LoadAsync(folder.Path, TestContext.Current.CancellationToken);
        OneByOneSameAsReference(document, new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlap }, TokenCounters.Cl100k);
    }

    public static TheoryData<string> LongTexts => new() { "prose", "one sentence", "one word" };

    [Theory]
    [MemberData(nameof(LongTexts))]
    public void Each_chunk_comes_before_the_text_after_it_is_tokenised(string kind)
    {
        var random = new Random(5);
        var text = kind switch
        {
            "prose" => TextGenerator.Prose(seed: 5, paragraphs: 1_500),
            // No sentence boundary at all: one piece, split into words as chunks need them.
            "one sentence" => string.Join(' ', Enumerable.Range(0, 60_000).Select(_ => random.Next(3) switch { 0 => "river", 1 => "extraordinarily", _ => "a" })),
            // One word: hard cuts, made as chunks need them.
            _ => "Before it. " + new string(Enumerable.Range(0, 200_000).Select(_ => (char)('a' + random.Next(26))).ToArray()),
        };
        var counter = new FurthestCharacterCounter(TokenCounters.Cl100k, text);
        var options = new ChunkingOptions { MaxTokens = 128, OverlapTokens = 16 };
        var chunks = new List<Chunk>();
        foreach (var chunk in new Chunker(counter).SplitIncrementally(Document.FromText(text), options, TestContext.Current.CancellationToken))
        {
            // An eager chunker has tokenised the whole text by the first chunk. Ahead of a chunk's end there may be
            // the next chunk's worth of units and the piece after it: far less than two budgets' worth of characters.
            Assert.True(counter.Furthest <= chunk.End + 2 * options.MaxTokens * 8,
                $"chunk {chunk.Index} ends at {chunk.End} but the text was tokenised up to {counter.Furthest} of {text.Length}");
            chunks.Add(chunk);
        }
        Assert.True(chunks.Count > 100);
        Assert.Equal(text.Length, counter.Furthest);
        Assert.Equal(new Chunker(TokenCounters.Cl100k).Split(Document.FromText(text), options, TestContext.Current.CancellationToken), chunks);
    }

    [Fact]
    public void With_exact_seams_counting_progress_stays_about_one_chunk_ahead()
    {
        // The cl100k counter counts units in parts at seams (the fast path); its progress says how far it has counted.
        var text = TextGenerator.Prose(seed: 12, paragraphs: 3_000);
        var reports = new List<ChunkingProgress>();
        var chunker = new Chunker(TokenCounters.Cl100k);
        int yielded = 0;
        foreach (var chunk in chunker.SplitIncrementally(Document.FromText(text), new ChunkingOptions(), TestContext.Current.CancellationToken, new InlineProgress(reports.Add)))
        {
            yielded++;
            var counted = reports.Where(r => r.Phase == ChunkingProgress.Counting).Select(r => r.Done).DefaultIfEmpty(0).Max();
            Assert.True(counted <= chunk.End + 2 * 512 * 8, $"chunk {chunk.Index} ends at {chunk.End} but {counted} characters were counted");
        }
        Assert.True(reports.Count(r => r.Phase == ChunkingProgress.Counting) >= text.Length / (1 << 18) - 1, "counting reports every quarter megabyte");
        Assert.True(reports.Any(r => r.Phase == ChunkingProgress.Packing && r.Chunks < yielded), "packing reports along the way");
        Assert.Equal(1.0, reports[^1].Fraction);
        for (int i = 1; i < reports.Count; i++) Assert.True(reports[i].Fraction >= reports[i - 1].Fraction);
    }

    [Fact]
    public void Options_are_checked_at_the_call_not_at_the_first_chunk()
    {
        var chunker = new Chunker(TokenCounters.Cl100k);
        var document = Document.FromText("Some text. More text.");
        var ct = TestContext.Current.CancellationToken;
        // Nothing is enumerated: an iterator would only throw at its first MoveNext.
        var e = Assert.Throws<InvalidOptionException>(() => chunker.SplitIncrementally(document, new ChunkingOptions { MaxTokens = 100, OverlapTokens = 100 }, ct));
        Assert.Equal("OverlapTokens", e.Target);
        Assert.Throws<ArgumentNullException>(() => chunker.SplitIncrementally(null!, cancellationToken: ct));
        Assert.Empty(chunker.SplitIncrementally(Document.FromText(""), cancellationToken: ct));
    }

    [Fact]
    public void Cancelling_between_chunks_stops_the_next_one()
    {
        using var cancel = new CancellationTokenSource();
        var document = Document.FromText(TextGenerator.Prose(seed: 2, paragraphs: 200));
        using var chunks = new Chunker(TokenCounters.Cl100k).SplitIncrementally(document, new ChunkingOptions { MaxTokens = 64, OverlapTokens = 0 }, cancel.Token).GetEnumerator();
        Assert.True(chunks.MoveNext());
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => chunks.MoveNext());
    }

    private static void OneByOneSameAsReference(Document document, ChunkingOptions options, ITokenCounter counter)
    {
        var ct = TestContext.Current.CancellationToken;
        var expected = new ReferenceChunker(counter).Split(document, options, ct);
        int i = 0;
        foreach (var actual in new Chunker(counter).SplitIncrementally(document, options, ct))
        {
            Assert.True(i < expected.Count, $"{document.Name} ({options.MaxTokens}/{options.OverlapTokens}): more chunks than the reference's {expected.Count}");
            Assert.True(expected[i] == actual,
                $"{document.Name} ({options.MaxTokens}/{options.OverlapTokens}): chunk {i} differs: expected [{expected[i].Start},{expected[i].End}) " +
                $"{expected[i].TokenCount} tokens, got [{actual.Start},{actual.End}) {actual.TokenCount} tokens");
            i++;
        }
        Assert.Equal(expected.Count, i);
    }

    /// <summary>Records the furthest character of <paramref name="text"/> any call has tokenised (spans point into it).</summary>
    private sealed class FurthestCharacterCounter(ITokenCounter inner, string text) : ITokenCounter
    {
        public int Furthest { get; private set; }

        public string Name => inner.Name;

        public int CountTokens(ReadOnlySpan<char> span)
        {
            if (text.AsSpan().Overlaps(span, out int offset)) Furthest = Math.Max(Furthest, offset + span.Length);
            return inner.CountTokens(span);
        }

        public int GetIndexByTokenCount(ReadOnlySpan<char> span, int maxTokens, out int tokenCount) => inner.GetIndexByTokenCount(span, maxTokens, out tokenCount);
    }

    private sealed class InlineProgress(Action<ChunkingProgress> report) : IProgress<ChunkingProgress>
    {
        public void Report(ChunkingProgress value) => report(value);
    }
}

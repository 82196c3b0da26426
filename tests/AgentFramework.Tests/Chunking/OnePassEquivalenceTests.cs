using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Tests.Agents.NastyText;
using AgentFramework.Tests.Documents;
using AgentFramework.Tokens;

namespace AgentFramework.Tests.Chunking;

/// <summary>
/// The one-pass chunker (chunk counts from the counting pass, no re-tokenising) gives exactly the chunks of the
/// previous algorithm (<see cref="ReferenceChunker"/>): same spans, same token counts, same ids and sections.
/// The shared corpora (Moby Dick, KJV, State of the Union) are compared in the integration tests.
/// </summary>
public class OnePassEquivalenceTests
{
    public static TheoryData<int, int> Budgets => new() { { 512, 64 }, { 128, 32 }, { 64, 0 }, { 40, 30 } };

    [Theory]
    [MemberData(nameof(Budgets))]
    public void Nasty_text_gives_the_same_chunks(int maxTokens, int overlap)
    {
        var options = new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlap };
        var ct = TestContext.Current.CancellationToken;
        ChunkAssert.SameAsReference(Document.FromText(NastyTextCorpus.Document(), "nasty.txt"), options, TokenCounters.Cl100k, ct);
        // Every entry alone too, between words, so the odd characters sit right at the seams.
        foreach (var (name, text) in NastyTextCorpus.Entries)
            ChunkAssert.SameAsReference(Document.FromText($"Call me Ishmael. Some years ago {text} never mind how long precisely. {text}{text} and then {text} end", name),
                new ChunkingOptions { MaxTokens = 8, OverlapTokens = 2 }, TokenCounters.Cl100k, ct);
    }

    [Theory]
    [MemberData(nameof(Budgets))]
    public void Prose_cjk_and_long_words_give_the_same_chunks(int maxTokens, int overlap)
    {
        var options = new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlap };
        var ct = TestContext.Current.CancellationToken;
        var random = new Random(1);
        var longSentence = string.Join(' ', Enumerable.Range(0, 3_000).Select(_ => random.Next(3) switch { 0 => "river", 1 => "extraordinarily", _ => "a" }));
        var longWord = new string(Enumerable.Range(0, 5_000).Select(_ => (char)('a' + random.Next(26))).ToArray());
        foreach (var (name, text) in new[]
        {
            ("prose", TextGenerator.Prose(seed: 7, paragraphs: 80)),
            ("cjk", TextGenerator.Cjk(seed: 4, sentences: 600)),
            ("long sentence", longSentence),
            ("long word", "Before it. " + longWord + " after it. And more words here."),
            ("mixed", "Hello  world.\tTabs and  double  spaces. Don't stop, it's 1,234,567 km! 😀 emoji 𝐀𝐁 math. Café déjà vu.\n\n" +
                      "Numbers 12345678 and    runs of     spaces    here. «Quoted» “text” — dashes – here… and ellipses…\r\nend"),
        })
            ChunkAssert.SameAsReference(Document.FromText(text, name), options, TokenCounters.Cl100k, ct);
    }

    [Theory]
    [MemberData(nameof(Budgets))]
    public async Task A_markdown_and_code_folder_gives_the_same_chunks(int maxTokens, int overlap)
    {
        using var folder = new TempFolder();
        var random = new Random(6);
        for (int f = 0; f < 4; f++)
        {
            var methods = string.Join("\n\n", Enumerable.Range(0, 6 + f * 3).Select(m =>
                $"    /// <summary>Method {m} does a thing.</summary>\n    public int Method{m}(int x)\n    {{\n        var y = x * {m};\n        return y + {f};\n    }}"));
            folder.Write($"src/File{f}.cs", $"namespace Sample;\n\npublic class File{f}\n{{\n{methods}\n}}\n");
        }
        folder.Write("guide.md", "# Guide\n\n" + TextGenerator.Paragraph(random, 8) + "\n\n## Install\n\n" + TextGenerator.Paragraph(random, 8) + "\n");
        var ct = TestContext.Current.CancellationToken;
        var document = await new DocumentLoader().LoadAsync(folder.Path, ct);
        ChunkAssert.SameAsReference(document, new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlap }, TokenCounters.Cl100k, ct);
    }

    [Fact]
    public void A_counter_without_exact_word_seams_gives_the_same_chunks()
    {
        // The margin counter rounds up per call, so parts do not add up: the chunker must count each chunk itself.
        var counter = new SafetyMarginTokenCounter(TokenCounters.Cl100k, 0.15);
        Assert.Null(TokenSeams.For(counter));
        ChunkAssert.SameAsReference(Document.FromText(TextGenerator.Prose(seed: 2, paragraphs: 30)), new ChunkingOptions { MaxTokens = 100, OverlapTokens = 20 },
            counter, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Counts_split_exactly_at_every_seam()
    {
        // The property the one-pass count rests on, checked directly: count(a + b) == count(a) + count(b) at every seam.
        var text = TextGenerator.Prose(seed: 21, paragraphs: 3) + " Don't 'quote' me, I'm X Æ A-12 née Zoë; ĳ ǅ ʰ ª ⅰ Ⅻ ﬁ.\n\n  Indented\n \nline.\n'tis 123 4567\n.\n\n\nWord  two   three\t tab 😀 emoji ,\n\u0301x \uD800 y" +
                   NastyTextCorpus.Document(1);
        var counter = TokenCounters.Cl100k;
        var seams = TokenSeams.For(counter)!;
        int found = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int from = Math.Max(0, i - 12), to = Math.Min(text.Length, i + 12);
            if (!seams.IsSeam(text, i, from, to)) continue;
            found++;
            Assert.True(counter.CountTokens(text.AsSpan(from, to - from)) == counter.CountTokens(text.AsSpan(from, i - from)) + counter.CountTokens(text.AsSpan(i, to - i)),
                $"not a seam at {i}: '{text[from..i]}' + '{text[i..to]}'");
        }
        Assert.True(found > 300);
    }
}

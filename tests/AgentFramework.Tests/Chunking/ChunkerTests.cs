using AgentFramework.Chunking;
using AgentFramework.Documents;
using AgentFramework.Documents.Readers;
using AgentFramework.Errors;
using AgentFramework.Tests.Documents;
using AgentFramework.Tokens;

namespace AgentFramework.Tests.Chunking;

public class ChunkerTests
{
    private static readonly ITokenCounter Counter = TokenCounters.Cl100k;

    private static IReadOnlyList<Chunk> SplitAndCheck(Document document, int maxTokens, int overlap)
    {
        var options = new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlap };
        var chunks = new Chunker(Counter).Split(document, options, TestContext.Current.CancellationToken);
        ChunkAssert.Invariants(document, chunks, options, Counter);
        return chunks;
    }

    [Theory]
    [InlineData(64, 0)]
    [InlineData(128, 32)]
    [InlineData(512, 64)]
    [InlineData(1000, 999)]
    public void Generated_prose_keeps_every_invariant(int maxTokens, int overlap)
    {
        var chunks = SplitAndCheck(Document.FromText(TextGenerator.Prose(seed: 7, paragraphs: 60)), maxTokens, overlap);
        Assert.True(chunks.Count > 1);
    }

    [Fact]
    public void Ends_prefer_paragraphs_then_sentences()
    {
        var doc = Document.FromText(TextGenerator.Prose(seed: 3, paragraphs: 40));
        var chunks = SplitAndCheck(doc, maxTokens: 300, overlap: 0);
        foreach (var c in chunks.SkipLast(1))
        {
            var before = doc.Text[..c.End];
            Assert.True(before.EndsWith(". ", StringComparison.Ordinal) || before.EndsWith('\n'), $"chunk {c.Index} ends mid-sentence: …{before[^20..]}");
        }
        // Paragraphs are ~5 sentences (about 80 tokens): most ends should fall on a blank line.
        Assert.True(chunks.SkipLast(1).Count(c => doc.Text[..c.End].EndsWith("\n\n", StringComparison.Ordinal)) >= (chunks.Count - 1) * 3 / 4);
    }

    [Fact]
    public void Markdown_chunks_end_at_headings_and_carry_section_paths()
    {
        var random = new Random(11);
        var markdown = "# Book\n\n" + string.Join("\n\n", Enumerable.Range(1, 12).Select(i =>
            $"## Chapter {i}\n\n{TextGenerator.Paragraph(random, 4)}\n\n{TextGenerator.Paragraph(random, 4)}")) + "\n";
        var content = new MarkdownReader().Read("book.md", System.Text.Encoding.UTF8.GetBytes(markdown), TestContext.Current.CancellationToken);
        var doc = new Document(DocumentId.ForText(content.Text), "book.md", content.Text, content.Kind, content.Sections,
            new SourceMap(content.Segments, content.Text), [], []);
        var chapterTokens = Counter.CountTokens(doc.Text.AsSpan(doc.Sections[1].Start, doc.Sections[1].End - doc.Sections[1].Start));
        var chunks = SplitAndCheck(doc, maxTokens: chapterTokens * 5 / 2, overlap: chapterTokens / 3);

        foreach (var c in chunks.SkipLast(1))
            Assert.Contains(doc.Sections, s => s.Start == c.End);
        Assert.Equal("Book", chunks[0].Section);
        Assert.All(chunks.Skip(1), c => Assert.StartsWith("Book > Chapter ", c.Section));
        Assert.All(chunks.Skip(1), c => Assert.StartsWith("## " + c.Section!["Book > ".Length..], c.Text));
    }

    [Fact]
    public void Overlap_stays_inside_the_section_it_continues()
    {
        var random = new Random(13);
        var markdown = string.Join("\n\n", Enumerable.Range(1, 6).Select(i =>
            $"# Part {i}\n\n" + string.Join("\n\n", Enumerable.Range(0, 6).Select(_ => TextGenerator.Paragraph(random, 4))))) + "\n";
        var content = new MarkdownReader().Read("parts.md", System.Text.Encoding.UTF8.GetBytes(markdown), TestContext.Current.CancellationToken);
        var doc = new Document(DocumentId.ForText(content.Text), "parts.md", content.Text, content.Kind, content.Sections,
            new SourceMap(content.Segments, content.Text), [], []);
        var chunks = SplitAndCheck(doc, maxTokens: 150, overlap: 60);

        Assert.Contains(chunks, c => c.Index > 0 && c.Start < chunks[c.Index - 1].End);   // overlap does happen
        foreach (var c in chunks)
        {
            var section = doc.Sections.Last(s => s.Start <= c.Start);
            Assert.Equal(section.Path, c.Section);
            if (c.Index > 0 && c.Start < chunks[c.Index - 1].End)
                Assert.DoesNotContain(doc.Sections, s => s.Start > c.Start && s.Start <= chunks[c.Index - 1].End);
        }
    }

    [Fact]
    public void Overlap_repeats_at_most_the_overlap_budget_from_the_previous_chunk()
    {
        var doc = Document.FromText(TextGenerator.Prose(seed: 5, paragraphs: 50));
        var chunks = SplitAndCheck(doc, maxTokens: 200, overlap: 50);
        int overlapping = 0;
        for (int i = 1; i < chunks.Count; i++)
        {
            if (chunks[i].Start >= chunks[i - 1].End) continue;
            overlapping++;
            var shared = doc.Text[chunks[i].Start..chunks[i - 1].End];
            Assert.True(Counter.CountTokens(shared) <= 50 + 2, $"overlap of {Counter.CountTokens(shared)} tokens");
        }
        Assert.True(overlapping >= (chunks.Count - 1) * 3 / 4, $"only {overlapping} of {chunks.Count - 1} chunks overlap");
    }

    [Fact]
    public void A_very_long_sentence_is_split_at_words()
    {
        var random = new Random(1);
        var words = Enumerable.Range(0, 30_000).Select(_ => random.Next(3) switch { 0 => "river", 1 => "extraordinarily", _ => "a" });
        var doc = Document.FromText(string.Join(' ', words));
        var chunks = SplitAndCheck(doc, maxTokens: 256, overlap: 32);
        Assert.All(chunks.Skip(1), c => Assert.True(c.Text[0] == ' ', $"chunk {c.Index} starts inside a word"));
        Assert.True(chunks.SkipLast(1).Average(c => c.TokenCount) > 256 * 0.9, "chunks of a long sentence should be nearly full");
    }

    [Fact]
    public void A_very_long_word_is_cut_by_the_tokenizer()
    {
        var random = new Random(2);
        var word = new string(Enumerable.Range(0, 200_000).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var doc = Document.FromText("Before. " + word + " after.");
        var chunks = SplitAndCheck(doc, maxTokens: 512, overlap: 64);
        Assert.True(chunks.Count > 100);
    }

    [Fact]
    public void Hard_cuts_never_split_a_surrogate_pair()
    {
        var doc = Document.FromText(string.Concat(Enumerable.Repeat("😀𝄞", 20_000)));
        var chunks = SplitAndCheck(doc, maxTokens: 64, overlap: 8);
        Assert.All(chunks, c => Assert.False(char.IsLowSurrogate(c.Text[0]) || char.IsHighSurrogate(c.Text[^1])));
    }

    [Fact]
    public void Cjk_text_splits_at_sentence_ends()
    {
        var doc = Document.FromText(TextGenerator.Cjk(seed: 4, sentences: 3000));
        var chunks = SplitAndCheck(doc, maxTokens: 200, overlap: 20);
        Assert.All(chunks.SkipLast(1), c => Assert.True(doc.Text[c.End - 1] is '。' or '？' or '\n', $"chunk {c.Index} ends at '{doc.Text[c.End - 1]}'"));
    }

    [Fact]
    public void Cjk_text_without_any_punctuation_is_still_chunked()
    {
        var cjk = TextGenerator.Cjk(seed: 9, sentences: 800).Replace("。", "").Replace("？", "").Replace("，", "").Replace("\n", "");
        SplitAndCheck(Document.FromText(cjk), maxTokens: 100, overlap: 10);
    }

    [Fact]
    public async Task A_source_tree_splits_at_files_declarations_and_lines_without_overlap_across_files()
    {
        using var folder = new TempFolder();
        for (int f = 0; f < 6; f++)
        {
            var methods = string.Join("\n\n", Enumerable.Range(0, 8 + f * 3).Select(m =>
                $"    /// <summary>Method {m}.</summary>\n    public int Method{m}(int x)\n    {{\n        var y = x * {m};\n        return y + {f};\n    }}"));
            folder.Write($"src/File{f}.cs", $"namespace Sample;\n\npublic class File{f}\n{{\n{methods}\n}}\n\npublic record Extra{f}(int A);\n");
        }
        folder.Write("README.md", "# Sample\n\nA small tree.\n");
        var doc = await new DocumentLoader().LoadAsync(folder.Path, TestContext.Current.CancellationToken);
        var chunks = SplitAndCheck(doc, maxTokens: 200, overlap: 40);

        var fileStarts = doc.Files.Select(f => f.Start).ToHashSet();
        for (int i = 0; i < chunks.Count; i++)
        {
            var c = chunks[i];
            if (i < chunks.Count - 1) Assert.True(doc.Text[c.End - 1] == '\n', $"chunk {i} ends mid-line");
            var file = doc.Files.Last(f => f.Start <= c.Start);
            Assert.Equal(file.RelativePath, c.Section);
            if (i > 0 && fileStarts.Contains(chunks[i - 1].End)) Assert.Equal(chunks[i - 1].End, c.Start);
        }
        Assert.Contains(chunks, c => c.Start > 0 && fileStarts.Contains(c.Start));
    }

    [Fact]
    public async Task Chunks_of_a_document_folder_name_the_file_and_its_heading()
    {
        using var folder = new TempFolder();
        var random = new Random(6);
        folder.Write("a-notes.txt", TextGenerator.Prose(seed: 1, paragraphs: 6));
        folder.Write("b-guide.md", "# Guide\n\n" + TextGenerator.Paragraph(random, 8) + "\n\n## Install\n\n" + TextGenerator.Paragraph(random, 8) + "\n");
        var doc = await new DocumentLoader().LoadAsync(folder.Path, TestContext.Current.CancellationToken);
        var chunks = SplitAndCheck(doc, maxTokens: 120, overlap: 0);

        Assert.Equal("a-notes.txt", chunks[0].Section);
        Assert.Contains(chunks, c => c.Section == "b-guide.md > Guide");
        Assert.Contains(chunks, c => c.Section == "b-guide.md > Guide > Install" && c.Text.StartsWith("## Install", StringComparison.Ordinal));
    }

    [Fact]
    public void Progress_is_reported_in_order_up_to_done()
    {
        var reports = new List<ChunkingProgress>();
        var doc = Document.FromText(TextGenerator.Prose(seed: 12, paragraphs: 4000));
        var chunks = new Chunker(Counter).Split(doc, new ChunkingOptions { MaxTokens = 256 }, TestContext.Current.CancellationToken,
            new InlineProgress(reports.Add));
        Assert.True(reports.Count > 2);
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.Equal(chunks.Count, reports[^1].Chunks);
        for (int i = 1; i < reports.Count; i++) Assert.True(reports[i].Fraction >= reports[i - 1].Fraction);
    }

    [Fact]
    public void Cancellation_stops_chunking()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var doc = Document.FromText(TextGenerator.Prose(seed: 2, paragraphs: 4000));
        Assert.ThrowsAny<OperationCanceledException>(() => new Chunker(Counter).Split(doc, new ChunkingOptions(), cancel.Token));
    }

    private sealed class InlineProgress(Action<ChunkingProgress> report) : IProgress<ChunkingProgress>
    {
        public void Report(ChunkingProgress value) => report(value);
    }

    [Fact]
    public void Ids_are_deterministic_and_distinct()
    {
        var text = TextGenerator.Prose(seed: 8, paragraphs: 30);
        var first = new Chunker(Counter).Split(Document.FromText(text), new ChunkingOptions { MaxTokens = 100 }, TestContext.Current.CancellationToken);
        var second = new Chunker(Counter).Split(Document.FromText(text), new ChunkingOptions { MaxTokens = 100 }, TestContext.Current.CancellationToken);
        Assert.Equal(first.Select(c => c.Id), second.Select(c => c.Id));
        Assert.Equal(first.Count, first.Select(c => c.Id).Distinct().Count());
        var changed = new Chunker(Counter).Split(Document.FromText(text + " More."), new ChunkingOptions { MaxTokens = 100 }, TestContext.Current.CancellationToken);
        Assert.NotEqual(first[0].Id, changed[0].Id);
        Assert.Equal(DocumentId.Hash($"{first[0].DocumentId}:{first[0].Start}:{first[0].End}", Chunker.IdLength), first[0].Id);
    }

    [Fact]
    public void Empty_text_has_no_chunks() =>
        Assert.Empty(new Chunker(Counter).Split(Document.FromText(""), cancellationToken: TestContext.Current.CancellationToken));

    [Theory]
    [InlineData(0, 0, "MaxTokens")]
    [InlineData(7, 0, "MaxTokens")]
    [InlineData(100, 100, "OverlapTokens")]
    [InlineData(100, -1, "OverlapTokens")]
    public void Bad_options_are_rejected(int maxTokens, int overlap, string option)
    {
        var e = Assert.Throws<InvalidOptionException>(() =>
            new Chunker(Counter).Split(Document.FromText("text"), new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlap }, TestContext.Current.CancellationToken));
        Assert.Equal(option, e.Target);
    }
}

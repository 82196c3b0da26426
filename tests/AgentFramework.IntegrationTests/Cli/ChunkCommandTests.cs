using System.Text.Json;
using AgentFramework.Documents;
using AgentFramework.IntegrationTests.Infrastructure;
using AgentFramework.Tests.Documents;

namespace AgentFramework.IntegrationTests.Cli;

public class ChunkCommandTests
{
    private static string Prose(int paragraphs) => string.Join("\n\n", Enumerable.Range(0, paragraphs).Select(p =>
        string.Join(' ', Enumerable.Range(0, 6).Select(s => $"Paragraph {p} sentence {s} tells of ships, storms and the long road home."))));

    public static TheoryData<string> Formats() => ["notes.txt", "guide.md", "page.html", "book.pdf", "report.docx", "folder"];

    private static string WriteSample(TempFolder folder, string name)
    {
        var text = Prose(12);
        switch (name)
        {
            case "notes.txt": return folder.Write(name, text);
            case "guide.md": return folder.Write(name, "# Guide\n\n" + text.Replace("Paragraph 6", "## Second half\n\nParagraph 6"));
            case "page.html": return folder.Write(name, "<html><head><script>alert('x')</script></head><body><h1>Page</h1>" +
                string.Concat(text.Split("\n\n").Select(p => $"<p>{p}</p>")) + "</body></html>");
            case "book.pdf": return folder.Write(name, SampleFiles.Pdf(text.Split("\n\n").Select(p => p.Chunk(80).Select(c => new string(c)).ToArray()).ToArray()));
            case "report.docx": return folder.Write(name, SampleFiles.Docx([("Heading1", "Report"), .. text.Split("\n\n").Select(p => ((string?)null, p))]));
            default:
                folder.Write("tree/src/App.cs", "namespace App;\n\npublic static class Program\n{\n    public static int Main() => 0;\n}\n");
                folder.Write("tree/docs/intro.md", "# Intro\n\n" + text);
                folder.Write("tree/.gitignore", "*.bak\n");
                folder.Write("tree/old.bak", "ignored");
                return Path.Combine(folder.Path, "tree");
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Chunks_every_format_as_json_covering_the_document(string name)
    {
        using var folder = new TempFolder();
        var path = WriteSample(folder, name);
        var document = await new DocumentLoader().LoadAsync(path, TestContext.Current.CancellationToken);

        var result = await AgentFwProcess.RunAsync(folder.Path, ["chunk", path, "--max-tokens", "120", "--overlap", "16", "--json"], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var chunks = json.RootElement.EnumerateArray().ToList();
        Assert.True(chunks.Count > 1);
        foreach (var chunk in chunks)
        {
            foreach (var field in new[] { "id", "start", "end", "tokens", "section", "text" }) Assert.True(chunk.TryGetProperty(field, out _), $"missing {field}");
            int start = chunk.GetProperty("start").GetInt32(), end = chunk.GetProperty("end").GetInt32();
            Assert.Equal(document.Text[start..end], chunk.GetProperty("text").GetString());
            Assert.InRange(chunk.GetProperty("tokens").GetInt32(), 1, 120);
        }
        Assert.Equal(0, chunks[0].GetProperty("start").GetInt32());
        Assert.Equal(document.Text.Length, chunks[^1].GetProperty("end").GetInt32());
        Assert.DoesNotContain("alert", result.StandardOutput);
    }

    [Fact]
    public async Task Prints_id_span_tokens_section_and_first_words()
    {
        using var folder = new TempFolder();
        var path = WriteSample(folder, "guide.md");
        var result = await AgentFwProcess.RunAsync(folder.Path, ["chunk", path, "--max-tokens", "100"], TestContext.Current.CancellationToken);
        Assert.Equal(0, result.ExitCode);
        var first = result.StandardOutput.Split('\n')[0];
        Assert.Matches(@"^[0-9a-f]{16}  \[0,\d+\)\s+\d+ tokens  Guide  ""# Guide Paragraph 0 sentence 0", first);
        Assert.Contains("Guide > Second half", result.StandardOutput);
        Assert.Contains("chunks,", result.StandardError);
    }

    [Fact]
    public async Task Dash_chunks_standard_input()
    {
        using var folder = new TempFolder();
        var result = await AgentFwProcess.RunAsync(folder.Path, ["chunk", "-", "--max-tokens", "64", "--overlap", "8", "--json"], TestContext.Current.CancellationToken, standardInput: Prose(10));
        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.True(json.RootElement.GetArrayLength() > 3);
        Assert.StartsWith("Paragraph 0 sentence 0", json.RootElement[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Help_shows_an_example()
    {
        using var folder = new TempFolder();
        var result = await AgentFwProcess.RunAsync(folder.Path, ["chunk", "--help"], TestContext.Current.CancellationToken);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Example: agentfw chunk", result.StandardOutput);
        Assert.Contains("--max-tokens", result.StandardOutput);
    }

    public static TheoryData<string, string[], string> BadInputs() => new()
    {
        { "missing path", ["chunk", "missing.txt"], "missing.txt: no such file or folder" },
        { "empty document", ["chunk", "empty.txt"], "empty.txt: the document is empty" },
        { "binary file", ["chunk", "binary.txt"], "binary.txt: looks like a binary file" },
        { "unsupported extension", ["chunk", "image.png"], "image.png: unsupported file type '.png'; supported: " },
        { "pdf without text layer", ["chunk", "scan.pdf"], "scan.pdf: the PDF has no text layer (scanned pages?); run OCR first" },
        { "file over the limit", ["chunk", "huge.txt"], "huge.txt: the file is 10485761 bytes, over the 10485760-byte limit" },
        { "file over a lowered limit", ["chunk", "ok.txt", "--max-file-mb", "0.000001"], "ok.txt: the file is 10 bytes, over the 1-byte limit; split it or raise the limit (agentfw: --max-file-mb)" },
        { "max file size zero", ["chunk", "ok.txt", "--max-file-mb", "0"], "--max-file-mb must be more than 0" },
        { "max tokens zero", ["chunk", "ok.txt", "--max-tokens", "0"], "--max-tokens must be at least 8 (got 0)" },
        { "overlap not below max", ["chunk", "ok.txt", "--max-tokens", "100", "--overlap", "100"], "--overlap (100) must be smaller than --max-tokens (100)" },
        { "non-numeric flag", ["chunk", "ok.txt", "--max-tokens", "many"], "'many'" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Each_bad_input_prints_one_line_and_exits_2(string because, string[] args, string expected)
    {
        using var folder = new TempFolder();
        folder.Write("empty.txt", "\n  \n");
        folder.Write("binary.txt", [0x7F, .. "ELF"u8, 2, 1, 1, 0, 0, 0, 0]);
        folder.Write("image.png", "not really an image");
        folder.Write("scan.pdf", SampleFiles.PdfWithoutText());
        folder.Write("ok.txt", "Some text.");
        if (args[1] == "huge.txt")
        {
            using var huge = File.Create(Path.Combine(folder.Path, "huge.txt"));
            huge.SetLength(DocumentLoaderOptions.DefaultMaxFileBytes + 1);
        }

        var result = await AgentFwProcess.RunAsync(folder.Path, args, TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 2, $"{because}: exit {result.ExitCode}, stderr {result.StandardError}");
        Assert.Equal("", result.StandardOutput);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line);
    }
}

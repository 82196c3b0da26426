using System.IO.Compression;
using System.Text;
using AgentFramework.Documents;
using AgentFramework.Documents.Readers;
using AgentFramework.Errors;

namespace AgentFramework.Tests.Documents;

/// <summary>The readers' limits: nesting without recursion, inflated bytes, characters, time, regular files only.</summary>
public class DocumentLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();

    private static byte[] DocxWithBody(string bodyXml, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var w = new StreamWriter(zip.CreateEntry("word/document.xml", level).Open()))
            w.Write($"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{bodyXml}</w:body></w:document>");
        return buffer.ToArray();
    }

    [Fact]
    public void A_docx_nested_100000_paragraphs_deep_is_refused_naming_the_flag_not_a_stack_overflow()
    {
        var bytes = DocxWithBody(Repeat("<w:p><w:r><w:t>x</w:t></w:r>", 100_000) + Repeat("</w:p>", 100_000));
        var e = Assert.Throws<DocumentLoadException>(() => new DocxReader().Read("deep.docx", bytes, Ct));
        Assert.Contains("deep.docx", e.Message);
        Assert.Contains("DocumentLoaderOptions.MaxNestingDepth", e.Message);
        Assert.Contains("--max-nesting", AgentFramework.Cli.Infrastructure.LibraryOptionFlags.Translate(e.Message));
    }

    [Fact]
    public void A_docx_that_inflates_past_the_limit_is_refused_naming_the_flag()
    {
        var bytes = DocxWithBody("<w:p><w:r><w:t>" + new string('a', 4 << 20) + "</w:t></w:r></w:p>");
        Assert.True(bytes.Length < 64 * 1024);
        var limits = new DocumentLimits(new DocumentLoaderOptions { MaxDecompressedBytes = 1 << 20 });
        var e = Assert.Throws<DocumentLoadException>(() => new DocxReader(limits).Read("bomb.docx", bytes, Ct));
        Assert.Contains("DocumentLoaderOptions.MaxDecompressedBytes", e.Message);
        Assert.Contains("--max-decompressed-mb", AgentFramework.Cli.Infrastructure.LibraryOptionFlags.Translate(e.Message));
    }

    [Fact]
    public void Nested_docx_paragraphs_within_the_limit_are_read_once_each()
    {
        var bytes = DocxWithBody("<w:p><w:r><w:t>outer</w:t></w:r><w:p><w:r><w:t> inner</w:t></w:r></w:p></w:p><w:p><w:r><w:t>next</w:t><w:tab/><w:t>cell</w:t></w:r></w:p>");
        Assert.Equal("outer inner\n\nnext\tcell\n", new DocxReader().Read("n.docx", bytes, Ct).Text);
    }

    [Fact]
    public void Html_nested_past_the_limit_is_refused_and_its_time_stays_linear()
    {
        var html = "<html><body>" + Repeat("<div>x", 200_000) + Repeat("</div>", 200_000) + "</body></html>";
        var e = Assert.Throws<DocumentLoadException>(() => new HtmlReader().Read("deep.html", Encoding.UTF8.GetBytes(html), Ct));
        Assert.Contains("DocumentLoaderOptions.MaxNestingDepth", e.Message);
        Assert.Contains("--max-nesting", AgentFramework.Cli.Infrastructure.LibraryOptionFlags.Translate(e.Message));
        var unclosed = "<html><body>" + Repeat("<b>", 1_000_000);
        Assert.Throws<DocumentLoadException>(() => new HtmlReader().Read("unclosed.html", Encoding.UTF8.GetBytes(unclosed), Ct));
    }

    [Fact]
    public void Html_implied_end_tags_keep_repeated_paragraphs_items_and_cells_shallow()
    {
        // 5,000 paragraphs, list items and rows without end tags nest nothing: far under a limit of 50.
        var html = "<body>" + Repeat("<p>para", 5000) + "<ul>" + Repeat("<li>item", 5000) + "</ul><table>" + Repeat("<tr><td>a<td>b", 2000) + "</table>";
        var limits = new DocumentLimits(new DocumentLoaderOptions { MaxNestingDepth = 50 });
        var text = new HtmlReader(limits).Read("flat.html", Encoding.UTF8.GetBytes(html), Ct).Text;
        Assert.StartsWith("para\n\npara\n\n", text);
        Assert.Contains("item\nitem\n", text);
        Assert.Contains("a\tb\na\tb", text);
    }

    [Fact]
    public void A_pdf_whose_stream_inflates_past_the_limit_is_refused_before_parsing()
    {
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) z.Write(new byte[8 << 20]);
        var pdf = Encoding.ASCII.GetBytes($"%PDF-1.4\n4 0 obj << /Length {compressed.Length} /Filter /FlateDecode >>\nstream\n")
            .Concat(compressed.ToArray()).Concat(Encoding.ASCII.GetBytes("\nendstream\nendobj\n%%EOF\n")).ToArray();
        var limits = new DocumentLimits(new DocumentLoaderOptions { MaxDecompressedBytes = 1 << 20 });
        var e = Assert.Throws<DocumentLoadException>(() => new PdfReader(limits).Read("bomb.pdf", pdf, Ct));
        Assert.Contains("DocumentLoaderOptions.MaxDecompressedBytes", e.Message);
        Assert.Contains("--max-decompressed-mb", AgentFramework.Cli.Infrastructure.LibraryOptionFlags.Translate(e.Message));
    }

    [Fact]
    public async Task Text_over_the_character_limit_or_the_time_limit_is_refused_naming_the_flag()
    {
        using var folder = new TempFolder();
        var path = folder.Write("long.txt", new string('a', 5000));
        var e = await Assert.ThrowsAsync<DocumentLoadException>(() => new DocumentLoader(new DocumentLoaderOptions { MaxCharacters = 1000 }).LoadAsync(path, Ct));
        Assert.Contains("DocumentLoaderOptions.MaxCharacters", e.Message);
        Assert.Contains("--max-chars", AgentFramework.Cli.Infrastructure.LibraryOptionFlags.Translate(e.Message));

        var html = folder.Write("slow.html", "<body>" + Repeat("<p>word", 300_000));
        var slow = await Assert.ThrowsAsync<DocumentLoadException>(() =>
            new DocumentLoader(new DocumentLoaderOptions { MaxParseTime = TimeSpan.FromTicks(1) }).LoadAsync(html, Ct));
        Assert.Contains("DocumentLoaderOptions.MaxParseTime", slow.Message);
        Assert.Contains("--max-parse-seconds", AgentFramework.Cli.Infrastructure.LibraryOptionFlags.Translate(slow.Message));
    }

    [Fact]
    public async Task Only_regular_files_are_read_and_a_folder_skips_the_rest_with_a_warning_each()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "FIFOs and /dev/zero are Linux here");
        using var folder = new TempFolder();
        folder.Write("good.txt", "the whale surfaced\n");
        var zero = Path.Combine(folder.Path, "zero.txt");
        File.CreateSymbolicLink(zero, "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "gone.txt"), "/nonexistent/file");
        Assert.Equal(FileKindValue.CharacterDevice, FileKind.Of(zero));
        Assert.Equal(FileKindValue.Regular, FileKind.Of(Path.Combine(folder.Path, "good.txt")));

        var e = await Assert.ThrowsAsync<DocumentLoadException>(() => new DocumentLoader().LoadAsync(zero, Ct));
        Assert.Contains("not a regular file", e.Message);
        var doc = await new DocumentLoader().LoadAsync(folder.Path, Ct);
        Assert.Contains("the whale surfaced", doc.Text);
        Assert.Contains(doc.Warnings, w => w.Contains("zero.txt") && w.Contains("character device"));
        Assert.Contains(doc.Warnings, w => w.Contains("gone.txt"));
    }

    [Fact]
    public void A_folder_tree_deeper_than_the_call_stack_is_listed_without_recursion()
    {
        using var folder = new TempFolder();
        var deep = string.Join('/', Enumerable.Repeat("d", 300));
        folder.Write(deep + "/leaf.txt", "leaf");
        var files = AgentFramework.Documents.Folders.FolderDocumentReader.ListFiles(folder.Path);
        Assert.Equal(deep + "/leaf.txt", Assert.Single(files).Relative);
    }
}

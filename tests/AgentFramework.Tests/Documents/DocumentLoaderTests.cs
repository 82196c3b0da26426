using System.Text;
using AgentFramework.Documents;
using AgentFramework.Errors;

namespace AgentFramework.Tests.Documents;

public class DocumentLoaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("notes.txt", "Plain notes.\r\nSecond line.", DocumentKind.PlainText)]
    [InlineData("guide.md", "# Title\n\nBody.", DocumentKind.Markdown)]
    [InlineData("page.html", "<h1>Title</h1><p>Body.</p>", DocumentKind.Html)]
    [InlineData("tool.cs", "class A { }\n", DocumentKind.SourceCode)]
    [InlineData("Makefile", "all:\n\techo hi\n", DocumentKind.SourceCode)]
    [InlineData("LICENSE", "Public domain.\n", DocumentKind.PlainText)]
    public async Task Loads_text_formats(string name, string content, DocumentKind kind)
    {
        using var folder = new TempFolder();
        var path = folder.Write(name, content);
        var doc = await new DocumentLoader().LoadAsync(path, Ct);
        Assert.Equal(kind, doc.Kind);
        Assert.Equal(path, doc.Name);
        Assert.DoesNotContain('\r', doc.Text);
        Assert.Equal(DocumentId.ForText(doc.Text), doc.Id);
        Assert.Empty(doc.Warnings);
    }

    [Fact]
    public async Task Loads_pdf_and_docx()
    {
        using var folder = new TempFolder();
        var pdf = await new DocumentLoader().LoadAsync(folder.Write("a.pdf", SampleFiles.Pdf(["Hello from a PDF."])), Ct);
        Assert.Equal(DocumentKind.Pdf, pdf.Kind);
        Assert.Contains("Hello from a PDF.", pdf.Text);
        var docx = await new DocumentLoader().LoadAsync(folder.Write("a.docx", SampleFiles.Docx((null, "Hello from Word."))), Ct);
        Assert.Equal(DocumentKind.Docx, docx.Kind);
        Assert.Equal("Hello from Word.\n", docx.Text);
    }

    [Fact]
    public async Task Dash_reads_standard_input()
    {
        var loader = new DocumentLoader(standardInput: () => new MemoryStream(Encoding.UTF8.GetBytes("piped text\r\n")));
        var doc = await loader.LoadAsync("-", Ct);
        Assert.Equal("stdin", doc.Name);
        Assert.Equal("piped text\n", doc.Text);
        Assert.Equal("stdin", doc.SourceMap.Locate(0).File);
    }

    [Fact]
    public async Task Invalid_bytes_load_with_a_warning()
    {
        using var folder = new TempFolder();
        var path = folder.Write("mixed.txt", [.. "caf"u8, 0xE9, .. " au lait"u8]);
        var doc = await new DocumentLoader().LoadAsync(path, Ct);
        Assert.Equal("caf\uFFFD au lait", doc.Text);
        Assert.Contains("U+FFFD", Assert.Single(doc.Warnings));
    }

    [Fact]
    public async Task Utf16_file_with_bom_loads()
    {
        using var folder = new TempFolder();
        var path = folder.Write("wide.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("wide text")]);
        Assert.Equal("wide text", (await new DocumentLoader().LoadAsync(path, Ct)).Text);
    }

    [Fact]
    public async Task Missing_path() =>
        await AssertFails("does/not/exist.txt", "does/not/exist.txt: no such file or folder; check the path");

    [Fact]
    public async Task Empty_document()
    {
        using var folder = new TempFolder();
        await AssertFails(folder.Write("empty.txt", "  \n\n "), "empty.txt: the document is empty");
    }

    [Fact]
    public async Task Binary_file()
    {
        using var folder = new TempFolder();
        await AssertFails(folder.Write("data.txt", [1, 2, 0, 0, 5, 6]), "data.txt: looks like a binary file");
    }

    [Fact]
    public async Task Unsupported_extension_lists_the_supported_ones()
    {
        using var folder = new TempFolder();
        var e = await AssertFails(folder.Write("photo.png", "x"), "photo.png: unsupported file type '.png'; supported:");
        foreach (var ext in new[] { ".txt", ".md", ".html", ".pdf", ".docx", ".cs" }) Assert.Contains(ext, e.Message);
    }

    [Fact]
    public async Task Pdf_without_text_layer()
    {
        using var folder = new TempFolder();
        await AssertFails(folder.Write("scan.pdf", SampleFiles.PdfWithoutText()), "scan.pdf: the PDF has no text layer");
    }

    [Fact]
    public async Task File_over_the_limit()
    {
        using var folder = new TempFolder();
        var path = folder.Write("big.txt", new string('a', 5000));
        var e = await Assert.ThrowsAsync<DocumentLoadException>(() =>
            new DocumentLoader(new DocumentLoaderOptions { MaxFileBytes = 4096 }).LoadAsync(path, Ct));
        Assert.Contains("big.txt: the file is 5000 bytes, over the 4096-byte limit", e.Message);
    }

    [Fact]
    public async Task Empty_folder()
    {
        using var folder = new TempFolder();
        folder.Write("bin/only.txt", "build output");
        await AssertFails(folder.Path, "the folder has no text files");
    }

    [Fact]
    public async Task Standard_input_over_the_limit()
    {
        var loader = new DocumentLoader(new DocumentLoaderOptions { MaxFileBytes = 10 }, standardInput: () => new MemoryStream(new byte[100]));
        var e = await Assert.ThrowsAsync<DocumentLoadException>(() => loader.LoadAsync("-", Ct));
        Assert.Contains("standard input is over the 10-byte limit", e.Message);
    }

    private static async Task<DocumentLoadException> AssertFails(string path, string expected)
    {
        var e = await Assert.ThrowsAsync<DocumentLoadException>(() => new DocumentLoader().LoadAsync(path, Ct));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(path, e.Target);
        return e;
    }
}

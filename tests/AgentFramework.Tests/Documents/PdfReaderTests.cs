using System.Text;
using AgentFramework.Documents;
using AgentFramework.Documents.Readers;

namespace AgentFramework.Tests.Documents;

public class PdfReaderTests
{
    [Fact]
    public void Reads_text_per_page_with_page_numbers_in_the_source_map()
    {
        var bytes = SampleFiles.Pdf(["Call me Ishmael.", "Some years ago."], ["Second page text."]);
        var content = new PdfReader().Read("book.pdf", bytes, TestContext.Current.CancellationToken);
        Assert.Equal(DocumentKind.Pdf, content.Kind);
        Assert.Contains("Call me Ishmael.", content.Text);
        Assert.Contains("Second page text.", content.Text);
        Assert.Equal([1, 2], content.Segments.Select(s => s.Page));

        var map = new SourceMap(content.Segments, content.Text);
        Assert.Equal(1, map.Locate(content.Text.IndexOf("Ishmael", StringComparison.Ordinal)).Page);
        Assert.Equal(2, map.Locate(content.Text.IndexOf("Second", StringComparison.Ordinal)).Page);
        Assert.Equal(0, content.Segments[0].Start);
        Assert.Equal(content.Segments[0].End, content.Segments[1].Start);
        Assert.Equal(content.Text.Length, content.Segments[1].End);
    }

    [Fact]
    public void Pdf_without_text_layer_says_to_run_ocr()
    {
        var e = Assert.Throws<AgentFramework.Errors.DocumentLoadException>(() => new PdfReader().Read("scan.pdf", SampleFiles.PdfWithoutText(), TestContext.Current.CancellationToken));
        Assert.Contains("scan.pdf", e.Message);
        Assert.Contains("no text layer", e.Message);
        Assert.Contains("OCR", e.Message);
    }

    [Fact]
    public void Corrupt_pdf_is_a_load_error()
    {
        var e = Assert.Throws<AgentFramework.Errors.DocumentLoadException>(() => new PdfReader().Read("bad.pdf", "%PDF-1.7 not really"u8.ToArray(), TestContext.Current.CancellationToken));
        Assert.Contains("bad.pdf: not a readable PDF", e.Message);
    }
}

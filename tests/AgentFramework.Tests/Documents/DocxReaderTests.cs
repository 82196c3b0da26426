using System.Text;
using AgentFramework.Documents;
using AgentFramework.Documents.Readers;

namespace AgentFramework.Tests.Documents;

public class DocxReaderTests
{
    [Fact]
    public void Paragraphs_and_heading_styles_become_text_and_sections()
    {
        var bytes = SampleFiles.Docx(("Title", "Report"), (null, "Opening words."), ("Heading1", "Findings"), (null, "First finding."),
            ("Heading2", "Detail"), (null, "Fine print."), ("Heading1", "Summary"), (null, "All done."));
        var content = new DocxReader().Read("report.docx", bytes, TestContext.Current.CancellationToken);
        Assert.Equal(DocumentKind.Docx, content.Kind);
        Assert.Equal("Report\n\nOpening words.\n\nFindings\n\nFirst finding.\n\nDetail\n\nFine print.\n\nSummary\n\nAll done.\n", content.Text);
        Assert.Equal(["Report", "Findings", "Detail", "Summary"], content.Sections.Select(s => s.Title));
        Assert.Equal([0, 1, 2, 1], content.Sections.Select(s => s.Level));
        Assert.Equal(["Report", "Report > Findings", "Report > Findings > Detail", "Report > Summary"], content.Sections.Select(s => s.Path));
        Assert.StartsWith("Findings", content.Text[content.Sections[1].Start..]);
    }

    [Fact]
    public void A_file_that_is_not_docx_is_a_load_error()
    {
        var e = Assert.Throws<AgentFramework.Errors.DocumentLoadException>(() => new DocxReader().Read("fake.docx", "plain text"u8.ToArray(), TestContext.Current.CancellationToken));
        Assert.Contains("fake.docx: not a readable .docx", e.Message);
    }
}

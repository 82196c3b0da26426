using System.Text;
using AgentFramework.Documents;
using AgentFramework.Documents.Readers;

namespace AgentFramework.Tests.Documents;

/// <summary>HTML without a byte order mark is read in the charset its meta tag declares.</summary>
public class HtmlCharsetTests
{
    private static DocumentContent Read(byte[] bytes) =>
        new HtmlReader().Read("page.html", bytes, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_latin1_file_with_meta_charset_loads_its_accents()
    {
        using var folder = new TempFolder();
        var html = "<html><head><meta charset=\"iso-8859-1\"></head><body><h1>Café</h1><p>Crème brûlée à la carte.</p></body></html>";
        var path = folder.Write("menu.html", Encoding.Latin1.GetBytes(html));

        var doc = await new DocumentLoader().LoadAsync(path, TestContext.Current.CancellationToken);

        Assert.Contains("Crème brûlée à la carte.", doc.Text);
        Assert.Equal("Café", Assert.Single(doc.Sections).Title);
        Assert.DoesNotContain('\uFFFD', doc.Text);
        Assert.Empty(doc.Warnings);
    }

    [Fact]
    public void Http_equiv_content_type_windows_1252_reads_curly_quotes()
    {
        var head = "<html><head><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=Windows-1252'></head><body><p>";
        // 0x93/0x94 are curly quotes and 0xE9 is é in windows-1252; neither is valid UTF-8 here.
        var bytes = Encoding.ASCII.GetBytes(head).Concat(new byte[] { 0x93, (byte)'c', 0xE9, 0x94 }).Concat(Encoding.ASCII.GetBytes("</p></body></html>")).ToArray();

        var content = Read(bytes);

        Assert.Equal("\u201Cc\u00E9\u201D\n", content.Text);
        Assert.Empty(content.Warnings);
    }

    [Fact]
    public void A_byte_order_mark_wins_over_the_declared_charset()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("<meta charset=\"iso-8859-1\"><p>Café</p>")).ToArray();
        Assert.Equal("Café\n", Read(bytes).Text);
    }

    [Fact]
    public void Without_a_declaration_html_is_read_as_utf8()
    {
        Assert.Equal("Café\n", Read(Encoding.UTF8.GetBytes("<p>Café</p>")).Text);
        Assert.Equal("Café\n", Read(Encoding.UTF8.GetBytes("<meta charset=utf-8><p>Café</p>")).Text);
    }

    [Fact]
    public void An_unknown_charset_is_a_warning_and_the_text_is_read_as_utf8()
    {
        var content = Read(Encoding.UTF8.GetBytes("<meta charset=\"klingon-42\"><p>Café</p>"));
        Assert.Equal("Café\n", content.Text);
        Assert.Contains(content.Warnings, w => w.Contains("klingon-42", StringComparison.Ordinal));
    }
}

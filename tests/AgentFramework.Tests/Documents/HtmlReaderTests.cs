using System.Text;
using AgentFramework.Documents;
using AgentFramework.Documents.Readers;

namespace AgentFramework.Tests.Documents;

public class HtmlReaderTests
{
    private const string Html = """
        <!doctype html>
        <html><head><title>Ignored title</title><style>body { color: red }</style>
        <script>var secret = "do not show";</script></head>
        <body>
          <h1>Main   title</h1>
          <p>First <b>bold</b>
             paragraph.</p>
          <div hidden>hidden text</div>
          <div style="display: none">also hidden</div>
          <h2>Part two</h2>
          <ul><li>one</li><li>two</li></ul>
          <noscript>enable js</noscript>
          <pre>  keep   spaces
        here</pre>
        </body></html>
        """;

    [Fact]
    public void Keeps_visible_text_and_headings_only()
    {
        var content = new HtmlReader().Read("page.html", Encoding.UTF8.GetBytes(Html), TestContext.Current.CancellationToken);
        var text = content.Text;
        Assert.Contains("Main title", text);
        Assert.Contains("First bold paragraph.", text);
        Assert.Contains("one\ntwo", text);
        Assert.Contains("  keep   spaces\nhere", text);
        foreach (var invisible in new[] { "secret", "color: red", "Ignored title", "hidden text", "also hidden", "enable js" })
            Assert.DoesNotContain(invisible, text);

        Assert.Equal(["Main title", "Part two"], content.Sections.Select(s => s.Title));
        Assert.Equal("Main title > Part two", content.Sections[1].Path);
        Assert.StartsWith("Part two", text[content.Sections[1].Start..]);
        Assert.StartsWith("Main title", text[content.Sections[0].Start..]);
    }
}
